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
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG line charts with JFreeChart, drawn headless (no display needed). */
public final class Charts {

  /** Named series of (x, y) points, in the order they are added. */
  public static final class Lines {
    final Map<String, XYSeries> series = new LinkedHashMap<>();

    public void add(String name, double x, double y) {
      if (!Double.isNaN(y)) {
        series.computeIfAbsent(name, n -> new XYSeries(n, false, true)).add(x, y);
      }
    }
  }

  private Charts() {}

  public static void png(
      Path file, String title, String xLabel, String yLabel, Lines lines, boolean logX)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    lines.series.values().forEach(data::addSeries);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    if (logX) {
      LogAxis axis = new LogAxis(xLabel);
      axis.setBase(10);
      axis.setSmallestValue(1);
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
}
