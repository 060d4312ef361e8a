package im.tlim.web.api.answer;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/** Jackson writes every answer (the server's default JSON-B provider would not keep our trees). */
@Provider
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JsonProvider extends JacksonJsonProvider {

  public JsonProvider() {
    super(JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build());
  }
}
