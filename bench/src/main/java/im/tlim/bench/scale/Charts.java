package im.tlim.bench.scale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.MinMaxCategoryRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG charts with JFreeChart, drawn headless (no display needed): lines for the scale scenarios and
 * the 1:1 benchmark's latency CDF, bars with whiskers for its throughput per path.
 */
public final class Charts {

  /** Named series of (x, y) points, in the order they are added. */
  public static final class Lines {
    final Map<String, XYSeries> series = new LinkedHashMap<>();

    public void add(String name, double x, double y) {
      if (!Double.isNaN(y)) {
        series.computeIfAbsent(name, n -> new XYSeries(n, false, true)).add(x, y);
      }
    }

    /** Where a log axis starts: 1, or the power of ten below the smallest positive x (< 1). */
    double smallestX() {
      double min = 1;
      for (XYSeries s : series.values()) {
        for (int i = 0; i < s.getItemCount(); i++) {
          double x = s.getX(i).doubleValue();
          if (x > 0 && x < min) {
            min = x;
          }
        }
      }
      return min >= 1 ? 1 : Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-3))));
    }
  }

  private Charts() {}

  /** A white chart and plot with light grid lines: the PNGs go into Markdown pages. */
  private static JFreeChart onWhite(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    if (chart.getPlot() instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
      xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
    } else if (chart.getPlot() instanceof CategoryPlot category) {
      category.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    return chart;
  }

  public static void png(
      Path file, String title, String xLabel, String yLabel, Lines lines, boolean logX)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    lines.series.values().forEach(data::addSeries);
    JFreeChart chart =
        onWhite(
            ChartFactory.createXYLineChart(
                title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false));
    XYPlot plot = chart.getXYPlot();
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    if (logX) {
      LogAxis axis = new LogAxis(xLabel);
      axis.setBase(10);
      axis.setSmallestValue(lines.smallestX());
      axis.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten, written out
      axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
      plot.setDomainAxis(axis);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    List<Color> colors =
        List.of(
            new Color(0x1f77b4),
            new Color(0xd62728),
            new Color(0x2ca02c),
            new Color(0xff7f0e),
            new Color(0x9467bd),
            new Color(0x8c564b));
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, colors.get(i % colors.size()));
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 560);
  }

  /**
   * One bar per category at its value, with a whisker from its low to its high value (e.g. the
   * median of several runs, and the slowest and the fastest run).
   *
   * @param bars category → {value, low, high}, in the order drawn
   */
  public static void bars(Path file, String title, String yLabel, Map<String, double[]> bars)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset values = new DefaultCategoryDataset();
    DefaultCategoryDataset range = new DefaultCategoryDataset();
    bars.forEach(
        (name, v) -> {
          values.addValue(v[0], "median", name);
          range.addValue(v[1], "min", name);
          range.addValue(v[2], "max", name);
        });
    JFreeChart chart =
        onWhite(
            ChartFactory.createBarChart(
                title, null, yLabel, values, PlotOrientation.VERTICAL, false, false, false));
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setSeriesPaint(0, new Color(0x1f77b4));
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
    renderer.setDefaultItemLabelsVisible(true);
    // at the bar's foot, clear of the whisker around its top
    renderer.setDefaultItemLabelPaint(Color.WHITE);
    renderer.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.INSIDE6, TextAnchor.BOTTOM_CENTER));
    // the whiskers: a second dataset drawn over the bars, a line from min to max per category
    MinMaxCategoryRenderer whiskers = new MinMaxCategoryRenderer();
    whiskers.setDrawLines(false);
    whiskers.setGroupPaint(Color.BLACK);
    whiskers.setGroupStroke(new BasicStroke(2f));
    whiskers.setSeriesPaint(0, Color.BLACK);
    whiskers.setSeriesPaint(1, Color.BLACK);
    plot.setDataset(1, range);
    plot.setRenderer(1, whiskers);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 1000, 560);
  }
}
