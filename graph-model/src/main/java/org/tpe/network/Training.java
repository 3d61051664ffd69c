package org.tpe.network;

import java.util.List;
import java.util.Objects;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;

/**
 * How a network is trained (TP IIb §5 and App. D.1, "SGD as a program"; seeds/004 eqs. (7)–(9)):
 * the training examples — inputs of the network with their labels, in the order SGD visits them —
 * the test inputs on which the output is only evaluated, the loss, the learning rate η, the
 * number of steps T and the batch. The parametrization of each parameter is the network's ({@link
 * Network#parametrizationOf}).
 *
 * <p>In the {@code .tp} text, after the network declarations:
 *
 * <pre>
 * train ξ1 : 0.5, ξ2 : -0.2            # training inputs with their labels y
 * test ξ3                              # inputs where f_t is only evaluated
 * loss mse                             # mse (default) or logistic
 * lr 0.5                               # η (default 1)
 * steps 3                              # T (default 1)
 * batch cyclic                         # cyclic (default): one example per step; full: all
 * </pre>
 *
 * <p>Fields not written are null (the defaults apply), so that printing writes back exactly what
 * was declared. Immutable; may be ill formed (an example that is not an input, η ≤ 0): {@code
 * TrainingValidator} says what is wrong and where.
 *
 * @param examples the training examples, in the order SGD visits them
 * @param tests the test inputs
 * @param loss the loss, or null (mse)
 * @param learningRate η as written, or null (1)
 * @param steps T as written (a whole number is expected), or null (1)
 * @param batch the batch, or null (cyclic)
 */
public record Training(List<Example> examples, List<String> tests, Loss loss,
    Double learningRate, Double steps, Batch batch) {

  /** Default number of steps when none is written. */
  public static final int DEFAULT_STEPS = 1;
  /** Default learning rate when none is written. */
  public static final double DEFAULT_LEARNING_RATE = 1;

  /** A training example: the input {@code input} with label {@code label}. */
  public record Example(String input, double label) {
    public Example {
      Objects.requireNonNull(input, "input");
      label += 0.0;
    }
  }

  /**
   * The loss L(f, y) of one example and its derivative χ = ∂L/∂f, the scalar that multiplies
   * every gradient of the step (TP IIb App. D.1.2, "χ_t = L′(f_t, y_t)").
   */
  public enum Loss {
    /** L = (f − y)²/2, χ = f − y. */
    MSE("mse"),
    /** L = log(1 + exp(−y f)) for labels y = ±1, χ = −y σ(−y f). */
    LOGISTIC("logistic");

    private final String keyword;

    Loss(String keyword) {
      this.keyword = keyword;
    }

    /** The word of the {@code .tp} text. */
    public String keyword() {
      return keyword;
    }

    /** The loss with this keyword, or null. */
    public static Loss byKeyword(String k) {
      for (Loss l : values()) {
        if (l.keyword.equals(k)) {
          return l;
        }
      }
      return null;
    }

    /** L(f, y). */
    public double value(double f, double y) {
      return switch (this) {
        case MSE -> 0.5 * (f - y) * (f - y);
        case LOGISTIC -> {
          double m = -y * f;
          // log(1 + e^m) without overflow
          yield m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
        }
      };
    }

    /** χ = ∂L/∂f at (f, y). */
    public double derivative(double f, double y) {
      return switch (this) {
        case MSE -> f - y;
        case LOGISTIC -> -y / (1 + Math.exp(y * f));
      };
    }

    /** χ as an expression of the scalars {@code f} and the constant label {@code y}. */
    public Expr derivative(Expr f, double y) {
      return switch (this) {
        case MSE -> difference(f, y);
        case LOGISTIC -> new Expr.Bin('*', new Expr.Num(-y), new Expr.Call(Fn.SIGMOID,
            List.of(new Expr.Bin('*', new Expr.Num(-y), f))));
      };
    }

    /** f − y, written f + |y| for a negative label and f for y = 0. */
    private static Expr difference(Expr f, double y) {
      return y == 0 ? f : new Expr.Bin(y > 0 ? '-' : '+', f, new Expr.Num(Math.abs(y)));
    }

    /** L as an expression of the scalar {@code f} and the constant label {@code y}. */
    public Expr value(Expr f, double y) {
      return switch (this) {
        case MSE -> new Expr.Bin('*', new Expr.Num(0.5), new Expr.Bin('^', difference(f, y),
            new Expr.Num(2)));
        case LOGISTIC -> new Expr.Call(Fn.SOFTPLUS, List.of(new Expr.Bin('*', new Expr.Num(-y),
            f)));
      };
    }
  }

  /** Which examples a step uses. */
  public enum Batch {
    /** One example per step, cyclically: step t uses example t mod k (TP IIb: batch size 1). */
    CYCLIC("cyclic"),
    /** Every example at every step, the gradient averaged over them. */
    FULL("full");

    private final String keyword;

    Batch(String keyword) {
      this.keyword = keyword;
    }

    /** The word of the {@code .tp} text. */
    public String keyword() {
      return keyword;
    }

    /** The batch with this keyword, or null. */
    public static Batch byKeyword(String k) {
      for (Batch b : values()) {
        if (b.keyword.equals(k)) {
          return b;
        }
      }
      return null;
    }
  }

  public Training {
    examples = List.copyOf(examples);
    tests = List.copyOf(tests);
  }

  /** The loss, mse when none is written. */
  public Loss lossOrDefault() {
    return loss == null ? Loss.MSE : loss;
  }

  /** η, {@value #DEFAULT_LEARNING_RATE} when none is written. */
  public double learningRateOrDefault() {
    return learningRate == null ? DEFAULT_LEARNING_RATE : learningRate;
  }

  /** T, {@value #DEFAULT_STEPS} when none is written (the validator checks it is whole). */
  public int stepsOrDefault() {
    return steps == null ? DEFAULT_STEPS : (int) Math.round(steps);
  }

  /** The batch, cyclic when none is written. */
  public Batch batchOrDefault() {
    return batch == null ? Batch.CYCLIC : batch;
  }

  /** The training inputs' names, in order. */
  public List<String> exampleInputs() {
    return examples.stream().map(Example::input).toList();
  }

  /** The label of {@code input}, or NaN when it is no training example. */
  public double labelOf(String input) {
    for (Example e : examples) {
      if (e.input().equals(input)) {
        return e.label();
      }
    }
    return Double.NaN;
  }

  /** A copy with {@code steps} steps. */
  public Training withSteps(int t) {
    return new Training(examples, tests, loss, learningRate, (double) t, batch);
  }

  /** A copy with learning rate {@code eta}. */
  public Training withLearningRate(double eta) {
    return new Training(examples, tests, loss, eta, steps, batch);
  }
}
