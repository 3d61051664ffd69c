package org.tpe.train;

import java.util.ArrayList;
import java.util.List;
import org.tpe.model.Program;
import org.tpe.network.Network;
import org.tpe.network.Parametrization;
import org.tpe.network.Training;

/**
 * Changes to a network's declared training setup asked for on the command line or in the editor:
 * the number of steps T, the learning rate η, and the parametrization of the whole network (which
 * then replaces every per-parameter one, so that {@code --param standard} means the network in
 * standard parametrization). Null fields change nothing. The values are not checked here: the
 * changed program is validated like any other ({@code TrainingValidator}).
 *
 * @param steps T, or null
 * @param learningRate η, or null
 * @param parametrization the network-wide parametrization, or null
 */
public record TrainingOverrides(Integer steps, Double learningRate,
    Parametrization parametrization) {

  /** No changes. */
  public static final TrainingOverrides NONE = new TrainingOverrides(null, null, null);

  /** The names a network-wide parametrization goes by on the command line and in the editor. */
  public static final String PARAMETRIZATION_NAMES = "ntk, sp or mup";

  /**
   * The network-wide parametrization called {@code name}: {@code ntk}, {@code sp} or {@code
   * standard}, {@code mup} or {@code μp} (any case); null for any other name.
   */
  public static Parametrization parametrizationNamed(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "ntk" -> Parametrization.NTK;
      case "sp", "standard" -> Parametrization.STANDARD;
      case "mup", "μp" -> Parametrization.MUP;
      default -> null;
    };
  }

  /**
   * {@code network} with these changes; its positions are kept for messages. A network without a
   * training setup stays without one (there is nothing to change).
   */
  public Program applyTo(Program network) {
    Network net = network.network();
    if (this.equals(NONE) || net.training() == null) {
      return network;
    }
    Training t = net.training();
    if (steps != null) {
      t = t.withSteps(steps);
    }
    if (learningRate != null) {
      t = t.withLearningRate(learningRate);
    }
    Network.Builder b = net.toBuilder().training(t).source(net.source());
    if (parametrization != null) {
      b.parametrization(parametrization);
      List<Network.Param> ps = new ArrayList<>();
      for (Network.Param p : net.params()) {
        ps.add(new Network.Param(p.names(), null));
      }
      b.params(ps);
    }
    return network.toBuilder().network(b.build()).sourceMap(network.sourceMap()).build();
  }
}
