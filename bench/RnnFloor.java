import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The least a JVM program does for the numbers of {@code tpe limits --json --pairs 's*'} on the
 * erf RNN of {@code bench/rnn_program.py}: the floor under which no Java program gets on this
 * machine, to read beside the two figures {@code bench/compare-rnn-numpy.sh} compares.
 *
 * <p>It reads only the lines that program writes (no validation, no general parser: {@code input
 * W : A(n, n) ~ N(0, σ_W²/n)}, {@code input b : G(n) ~ N(0, σ_b²)}, the 2T embeddings' {@code input}
 * and {@code cov} lines; the statements are not read, the architecture is known), fills the
 * embeddings' covariance G, runs the kernel recursion of the RNN (TP I; Yang's GP4A) once over
 * the state pairs in order — H_ij = σ_W² S_{i−1,j−1} + G_ij + σ_b² (the first term 0 where token
 * i or j starts its sequence), S_ij = (2/π) asin(2H_ij / √((1 + 2H_ii)(1 + 2H_jj))), Williams'
 * erf kernel — and writes the 2T × 2T kernel of the states as JSON objects by name, one entry a
 * line, as tpe's {@code second_moments} is written.
 *
 * <p>Usage: {@code java -cp DIR RnnFloor rnn-T.tp > kernel.json} (compiled by the bench script).
 */
public final class RnnFloor {
  private RnnFloor() {}

  public static void main(String[] args) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.US_ASCII);
    Map<String, Integer> token = new HashMap<>();
    double varW = Double.NaN;
    double varB = Double.NaN;
    double[] variance = new double[lines.size()];
    for (String l : lines) {
      if (l.startsWith("input W ")) {
        varW = Double.parseDouble(between(l, "N(0, ", "/n)"));
      } else if (l.startsWith("input b ")) {
        varB = Double.parseDouble(between(l, "N(0, ", ")"));
      } else if (l.startsWith("input U")) {
        variance[token.size()] = Double.parseDouble(between(l, "N(0, ", ")"));
        token.put(l.substring(6, l.indexOf(' ', 6)), token.size());
      }
    }
    int k = token.size();
    int t = k / 2;
    double[][] g = new double[k][k];
    for (int i = 0; i < k; i++) {
      g[i][i] = variance[i];
    }
    for (String l : lines) {
      if (l.startsWith("cov(")) {
        int comma = l.indexOf(',');
        int close = l.indexOf(')');
        int i = token.get(l.substring(4, comma));
        int j = token.get(l.substring(comma + 2, close));
        g[i][j] = g[j][i] = Double.parseDouble(l.substring(l.indexOf('=') + 2));
      }
    }
    double[][] h = new double[k][k];
    double[][] s = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j >= 0; j--) { // the diagonal first: every entry of the row reads H_ii
        boolean start = i == 0 || i == t || j == 0 || j == t;
        h[i][j] = h[j][i] = varW * (start ? 0 : s[i - 1][j - 1]) + g[i][j] + varB;
        s[i][j] = s[j][i] = 2 / Math.PI
            * Math.asin(2 * h[i][j] / Math.sqrt((1 + 2 * h[i][i]) * (1 + 2 * h[j][j])));
      }
    }
    String[] names = new String[k];
    for (int i = 0; i < k; i++) {
      names[i] = i < t ? "s" + (i + 1) : "s" + (i - t + 1) + "'";
    }
    StringBuilder b = new StringBuilder(k * k * 32);
    b.append("{\n  \"second_moments\" : {");
    for (int i = 0; i < k; i++) {
      b.append(i == 0 ? "\n    \"" : ",\n    \"").append(names[i]).append("\" : {");
      for (int j = 0; j < k; j++) {
        b.append(j == 0 ? "\n      \"" : ",\n      \"").append(names[j]).append("\" : ")
            .append(s[i][j]);
      }
      b.append("\n    }");
    }
    b.append("\n  }\n}\n");
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The text of {@code line} between {@code open} and the next {@code close}. */
  private static String between(String line, String open, String close) {
    int from = line.indexOf(open) + open.length();
    return line.substring(from, line.indexOf(close, from));
  }
}
