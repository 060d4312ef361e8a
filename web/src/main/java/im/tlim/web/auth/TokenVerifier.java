package im.tlim.web.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import im.tlim.settings.Settings;
import im.tlim.web.logging.WebLogger;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies bearer JWTs with Nimbus JOSE+JWT: the signature (RS256 with the configured public key,
 * HS256 with the configured secret, either or both), expiry, issuer and audience; {@code sub} is
 * required and is the user, {@code groups} the roles. Built from the {@code tlim.jwt.*} system
 * properties; with neither key nor secret configured, every token is refused.
 */
public final class TokenVerifier {

  private static final WebLogger LOG = WebLogger.of(TokenVerifier.class);

  /** Why a token was refused; the detail is for the log, not for the caller. */
  public static final class InvalidToken extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidToken(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final DefaultJWTProcessor<SecurityContext> processor;

  /**
   * @param publicKeyPem an RSA public key in PEM (RS256), or null
   * @param secret the shared secret (HS256; at least 32 bytes), or null
   */
  public TokenVerifier(String issuer, String audience, String publicKeyPem, String secret) {
    List<JWK> keys = new ArrayList<>();
    Set<JWSAlgorithm> algorithms = new HashSet<>();
    if (publicKeyPem != null && !publicKeyPem.isBlank()) {
      keys.add(new RSAKey.Builder(rsaPublicKey(publicKeyPem)).build());
      algorithms.add(JWSAlgorithm.RS256);
    }
    if (secret != null && !secret.isBlank()) {
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < 32) {
        throw new IllegalArgumentException("tlim.jwt.secret is shorter than 32 bytes");
      }
      keys.add(new OctetSequenceKey.Builder(bytes).build());
      algorithms.add(JWSAlgorithm.HS256);
    }
    processor = new DefaultJWTProcessor<>();
    if (!algorithms.isEmpty()) {
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(new JWKSet(keys))));
    }
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (issuer != null && !issuer.isBlank()) {
      exact.issuer(issuer);
    }
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            audience == null || audience.isBlank() ? null : audience,
            exact.build(),
            Set.of("sub", "exp")));
  }

  /** The verifier the server's configuration describes (the {@code tlim.jwt.*} properties). */
  public static TokenVerifier fromSystemProperties() {
    String issuer = Settings.JWT_ISSUER.value();
    String audience = Settings.JWT_AUDIENCE.value();
    String key = keyText(Settings.JWT_PUBLIC_KEY.value());
    String secret = Settings.JWT_SECRET.value();
    if ((key == null || key.isBlank()) && (secret == null || secret.isBlank())) {
      LOG.noTokenKey();
    }
    if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
      LOG.tokenClaimsUnchecked();
    }
    return new TokenVerifier(issuer, audience, key, secret);
  }

  /** The PEM text itself, or the content of the file it names. */
  private static String keyText(String value) {
    if (value == null || value.isBlank() || value.contains("-----BEGIN")) {
      return value;
    }
    try {
      return Files.readString(Path.of(value.trim()));
    } catch (IOException e) {
      throw new IllegalArgumentException("tlim.jwt.public-key names no readable file: " + value, e);
    }
  }

  /**
   * An RSA public key from PEM: {@code BEGIN PUBLIC KEY} (X.509 SubjectPublicKeyInfo) or a
   * certificate.
   */
  static RSAPublicKey rsaPublicKey(String pem) {
    try {
      if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        Certificate certificate =
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        return (RSAPublicKey) certificate.getPublicKey();
      }
      String base64 =
          pem.replace("-----BEGIN PUBLIC KEY-----", "")
              .replace("-----END PUBLIC KEY-----", "")
              .replaceAll("\\s", "");
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException(
          "tlim.jwt.public-key is not an RSA public key in PEM (BEGIN PUBLIC KEY or CERTIFICATE)",
          e);
    }
  }

  /** The caller a valid token names. */
  public Caller verify(String token) throws InvalidToken {
    return verifyWithExpiry(token).caller();
  }

  /** A valid token's caller and expiry ({@code exp}, required). */
  public record Verified(Caller caller, java.time.Instant expiresAt) {}

  /** The caller a valid token names, and when the token expires. */
  public Verified verifyWithExpiry(String token) throws InvalidToken {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
      throw new InvalidToken(e.getMessage(), e);
    }
    List<String> groups;
    try {
      groups = claims.getStringListClaim("groups");
    } catch (ParseException e) {
      throw new InvalidToken("groups is not a list of strings", e);
    }
    return new Verified(
        new Caller(claims.getSubject(), groups == null ? Set.of() : new HashSet<>(groups)),
        claims.getExpirationTime().toInstant());
  }
}
