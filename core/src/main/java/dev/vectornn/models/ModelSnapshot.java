package dev.vectornn.models;

/**
 * Everything that training changes in a model, copied at one moment: the parameters, the
 * optimizer's slots and step count, and the states of the shuffling and dropout random streams.
 * {@link Sequential#restore} puts a model back exactly into this state, so that a saved model
 * resumes bit for bit, and a distributed trainer can move the state between machines.
 *
 * <p>The arrays are copied on the way in and on the way out: a snapshot never changes.
 *
 * @param parameters   every parameter, laid out as {@link Sequential#getParameters()}
 * @param slots        the optimizer's state, {@code slotsPerParameter × trainableParameterCount} floats
 * @param step         the optimizer's step count, ≥ 0
 * @param shuffleState the state of the shuffling stream
 * @param dropoutState the state of the dropout stream
 */
public record ModelSnapshot(float[] parameters, float[] slots, long step, long shuffleState, long dropoutState) {

    /**
     * @throws IllegalArgumentException if an array is null or {@code step} is negative
     */
    public ModelSnapshot {
        if (parameters == null || slots == null) {
            throw new IllegalArgumentException("A snapshot needs its parameters and slots, got "
                    + (parameters == null ? "null" : parameters.length + " parameters") + " and "
                    + (slots == null ? "null" : slots.length + " slots"));
        }
        if (step < 0) {
            throw new IllegalArgumentException("The optimizer step must be ≥ 0, got " + step);
        }
        parameters = parameters.clone();
        slots = slots.clone();
    }

    /** A copy of the parameters. */
    @Override
    public float[] parameters() {
        return parameters.clone();
    }

    /** A copy of the optimizer's slots. */
    @Override
    public float[] slots() {
        return slots.clone();
    }
}
