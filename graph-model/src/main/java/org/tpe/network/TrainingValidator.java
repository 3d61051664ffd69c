package org.tpe.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tpe.expr.ExprPrinter;
import org.tpe.model.Problem;

/**
 * Checks a network's training setup ({@link Training}) and reports every problem with its place
 * ({@code line:col}): no training example; an example or a test input that is not one of the
 * network's inputs (a label for an input that does not exist); an example listed twice; a
 * learning rate that is not positive; a number of steps that is not a whole number from 1 to
 * {@value #MAX_STEPS}; nothing trainable. Called by {@link NetworkValidator}; never throws.
 */
public final class TrainingValidator {
  /**
   * Most steps accepted: the unrolled program's update terms grow like T² (step t reads every
   * earlier step's gradients), so a few dozen steps already make thousands of instructions.
   */
  public static final int MAX_STEPS = 50;

  private TrainingValidator() {}

  /** The problems of {@code net}'s training setup (none when it declares none). */
  public static List<Problem> validate(Network net) {
    Training t = net.training();
    if (t == null) {
      return List.of();
    }
    NetworkSource src = net.source();
    List<Problem> out = new ArrayList<>();
    String known = net.inputs().isEmpty() ? "the network declares no inputs"
        : "the inputs are " + String.join(", ", net.inputs());
    if (t.examples().isEmpty()) {
      out.add(Problem.error("the training setup has no examples: add 'train ξ1 : y1, ξ2 : y2'"
          + " (inputs of the network with their labels)", src.training(), null));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < t.examples().size(); i++) {
      String in = t.examples().get(i).input();
      if (!net.inputs().contains(in)) {
        out.add(Problem.error("train: " + in + " is not an input of the network (" + known
            + "); a label needs an input with its Gram row: declare " + in + " in 'inputs' and"
            + " 'gram', or remove it", src.example(i), null));
      } else if (!seen.add(in)) {
        out.add(Problem.error("train: " + in + " is listed twice; SGD visits the examples in"
            + " order, each once per cycle", src.example(i), null));
      }
    }
    Set<String> tests = new HashSet<>();
    for (int i = 0; i < t.tests().size(); i++) {
      String in = t.tests().get(i);
      if (!net.inputs().contains(in)) {
        out.add(Problem.error("test: " + in + " is not an input of the network (" + known + ")",
            src.test(i), null));
      } else if (!tests.add(in)) {
        out.add(Problem.warning("test: " + in + " is listed twice", src.test(i), null));
      } else if (seen.contains(in)) {
        out.add(Problem.warning("test: " + in + " is also a training example; f_t is computed"
            + " on every training example anyway", src.test(i), null));
      }
    }
    if (t.learningRate() != null && learningRateProblem(t.learningRate()) != null) {
      out.add(Problem.error(learningRateProblem(t.learningRate()), src.trainingValue("lr"),
          null));
    }
    if (t.steps() != null && stepsProblem(t.steps()) != null) {
      out.add(Problem.error(stepsProblem(t.steps()), src.trainingValue("steps"), null));
    }
    if (net.paramNames().isEmpty()) {
      out.add(Problem.error("nothing is trained: declare the trainable parameters ('param W, v')",
          src.training(), null));
    }
    return out;
  }

  /** What is wrong with learning rate {@code eta}, or null when it is positive and finite. */
  public static String learningRateProblem(double eta) {
    return eta > 0 && Double.isFinite(eta) ? null
        : "the learning rate η must be positive, not " + num(eta);
  }

  /** What is wrong with {@code steps} as T, or null when it is a whole number in 1 … max. */
  public static String stepsProblem(double steps) {
    return steps == Math.rint(steps) && steps >= 1 && steps <= MAX_STEPS ? null
        : "the number of steps T must be a whole number from 1 to " + MAX_STEPS + ", not "
            + num(steps) + (steps > MAX_STEPS ? " (the unrolled program grows like T²)" : "");
  }

  private static String num(double v) {
    return ExprPrinter.number(v);
  }
}
