package dev.provisioningstatus.devstack.process;

/** A service that fails at start-up, as one that cannot reach what it needs does. */
public final class ExitsAtOnce {

    public static final int STATUS = 3;

    private ExitsAtOnce() {
    }

    public static void main(String[] args) {
        System.out.println("giving up at once");
        System.exit(STATUS);
    }
}
