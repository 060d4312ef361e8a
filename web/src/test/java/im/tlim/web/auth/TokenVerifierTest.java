package im.tlim.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

  static final String ISSUER = "https://issuer.example";
  static final String AUDIENCE = "tlim";
  static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes!";

  static RSAKey rsa;
  static String publicPem;

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).generate();
    publicPem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(rsa.toRSAPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
  }

  @Test
  void acceptsRs256AndHs256TokensAndReadsSubjectAndGroups() throws Exception {
    TokenVerifier verifier = new TokenVerifier(ISSUER, AUDIENCE, publicPem, SECRET);
    Caller rs =
        verifier.verify(
            token(
                JWSAlgorithm.RS256, new RSASSASigner(rsa), claims("alice", ISSUER, AUDIENCE, 60)));
    assertEquals("alice", rs.userId());
    assertEquals(Set.of("user"), rs.roles());
    Caller hs =
        verifier.verify(
            token(JWSAlgorithm.HS256, new MACSigner(SECRET), claims("bob", ISSUER, AUDIENCE, 60)));
    assertEquals("bob", hs.userId());
  }

  @Test
  void givesTheTokensExpirySoALiveSocketCanBeClosedThen() throws Exception {
    TokenVerifier verifier = new TokenVerifier(ISSUER, AUDIENCE, null, SECRET);
    JWTClaimsSet claims = claims("alice", ISSUER, AUDIENCE, 90);
    TokenVerifier.Verified verified =
        verifier.verifyWithExpiry(token(JWSAlgorithm.HS256, new MACSigner(SECRET), claims));
    assertEquals("alice", verified.caller().userId());
    // a JWT carries whole seconds
    assertEquals(
        claims.getExpirationTime().toInstant().getEpochSecond(),
        verified.expiresAt().getEpochSecond());
  }

  @Test
  void refusesExpiredWrongIssuerWrongAudienceAndWrongKey() throws Exception {
    TokenVerifier verifier = new TokenVerifier(ISSUER, AUDIENCE, publicPem, null);
    RSASSASigner signer = new RSASSASigner(rsa);
    assertRefused(
        verifier, token(JWSAlgorithm.RS256, signer, claims("alice", ISSUER, AUDIENCE, -600)));
    assertRefused(
        verifier,
        token(JWSAlgorithm.RS256, signer, claims("alice", "https://other", AUDIENCE, 60)));
    assertRefused(
        verifier, token(JWSAlgorithm.RS256, signer, claims("alice", ISSUER, "other", 60)));
    RSAKey other = new RSAKeyGenerator(2048).generate();
    assertRefused(
        verifier,
        token(JWSAlgorithm.RS256, new RSASSASigner(other), claims("alice", ISSUER, AUDIENCE, 60)));
    // HS256 is not configured here, so a token signed with a secret is refused
    assertRefused(
        verifier,
        token(JWSAlgorithm.HS256, new MACSigner(SECRET), claims("alice", ISSUER, AUDIENCE, 60)));
    assertRefused(verifier, "not.a.token");
  }

  @Test
  void refusesATokenWithoutSubject() throws Exception {
    TokenVerifier verifier = new TokenVerifier(ISSUER, AUDIENCE, null, SECRET);
    JWTClaimsSet noSubject =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .expirationTime(Date.from(Instant.now().plusSeconds(60)))
            .build();
    assertRefused(verifier, token(JWSAlgorithm.HS256, new MACSigner(SECRET), noSubject));
  }

  @Test
  void withoutKeyOrSecretEveryTokenIsRefused() throws Exception {
    TokenVerifier verifier = new TokenVerifier(ISSUER, AUDIENCE, null, null);
    assertRefused(
        verifier,
        token(JWSAlgorithm.HS256, new MACSigner(SECRET), claims("alice", ISSUER, AUDIENCE, 60)));
  }

  @Test
  void aShortSecretIsAConfigurationError() {
    assertThrows(
        IllegalArgumentException.class, () -> new TokenVerifier(ISSUER, AUDIENCE, null, "short"));
  }

  @Test
  void aUserActsOnlyForItselfAndTheServiceForAnyone() {
    Caller alice = new Caller("alice", Set.of("user"));
    assertEquals("alice", alice.self(null, "user_id", ErrorCode.USER_ID_EMPTY));
    assertEquals("alice", alice.self("alice", "user_id", ErrorCode.USER_ID_EMPTY));
    TlimException refused =
        assertThrows(
            TlimException.class, () -> alice.self("bob", "user_id", ErrorCode.USER_ID_EMPTY));
    assertEquals(ErrorCode.NOT_AUTHORISED, refused.code());
    assertEquals("alice", alice.actor(null, "request_user"));
    assertThrows(TlimException.class, alice::requireService);

    Caller service = new Caller("backend", Set.of("service"));
    assertTrue(service.isService());
    assertFalse(alice.isService());
    assertEquals("bob", service.self("bob", "user_id", ErrorCode.USER_ID_EMPTY));
    assertEquals(
        ErrorCode.USER_ID_EMPTY,
        assertThrows(
                TlimException.class, () -> service.self(null, "user_id", ErrorCode.USER_ID_EMPTY))
            .code());
    assertEquals(null, service.actor(null, "request_user"), "the service naming nobody is trusted");
    assertEquals("bob", service.actor("bob", "request_user"));
    assertEquals(null, service.actingUser());
    assertEquals("alice", alice.actingUser());
  }

  private static void assertRefused(TokenVerifier verifier, String token) {
    assertThrows(TokenVerifier.InvalidToken.class, () -> verifier.verify(token));
  }

  private static JWTClaimsSet claims(
      String subject, String issuer, String audience, long expiresInSeconds) {
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .issuer(issuer)
        .audience(audience)
        .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)))
        .claim("groups", List.of("user"))
        .build();
  }

  private static String token(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims)
      throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }
}
