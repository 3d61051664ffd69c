package org.tpe.limit.calculus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Program;

/**
 * A ZHat family (TP IIb App. B, Def. B.3): the MatMuls by one side of one matrix, W or Wᵀ, in
 * program order. Within a family the Ẑ's are jointly Gaussian with mean 0 and Cov(Ẑ^{Wx},
 * Ẑ^{Wy}) = σ_W² E[Z^x Z^y]; the families of W and of Wᵀ are separate, and all families are
 * independent of each other and of ZInit.
 *
 * @param matrix the matrix
 * @param transposed whether this is the family of Wᵀ
 * @param sigma2 σ_W² (entries of W are N(0, σ_W²/n))
 * @param matMuls the MatMuls of the family, in program order
 */
public record MatrixFamily(String matrix, boolean transposed, double sigma2,
    List<MatMul> matMuls) {
  public MatrixFamily {
    matMuls = List.copyOf(matMuls);
  }

  /** {@code W} or {@code W^T}, as on a path's word. */
  public String word() {
    return transposed ? matrix + "^T" : matrix;
  }

  /** Whether {@code m} multiplies by this family's side of its matrix. */
  public boolean contains(MatMul m) {
    return m.matrix().equals(matrix) && m.transposed() == transposed;
  }

  /**
   * The families of a well-formed program, W before Wᵀ, in order of the matrices' declarations;
   * families without a MatMul are left out.
   */
  public static List<MatrixFamily> of(Program program) {
    Map<String, List<MatMul>> by = new LinkedHashMap<>();
    Map<String, Double> sigma = new LinkedHashMap<>();
    for (var in : program.inputs()) {
      if (in instanceof MatrixInput m) {
        sigma.put(m.name(), m.sigma2());
        by.put(m.name(), new ArrayList<>());
        by.put(m.name() + "^T", new ArrayList<>());
      }
    }
    for (Instruction ins : program.instructions()) {
      if (ins instanceof MatMul m && by.containsKey(m.matrixWord())) {
        by.get(m.matrixWord()).add(m);
      }
    }
    List<MatrixFamily> out = new ArrayList<>();
    for (Map.Entry<String, List<MatMul>> e : by.entrySet()) {
      String word = e.getKey();
      if (!e.getValue().isEmpty()) {
        boolean t = word.endsWith("^T") && !sigma.containsKey(word);
        String matrix = t ? word.substring(0, word.length() - 2) : word;
        out.add(new MatrixFamily(matrix, t, sigma.get(matrix), e.getValue()));
      }
    }
    return out;
  }
}
