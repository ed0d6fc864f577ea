package dev.ticketing.proof;

/** Reading the command-line options of proof and bench: a value after its option, a whole number. */
public final class Args {
    private Args() {
    }

    public static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    public static int positive(String[] args, int i, String option) {
        int n = nonNegative(args, i, option);
        if (n < 1) throw new IllegalArgumentException(option + " needs a whole number of 1 or more");
        return n;
    }

    public static int nonNegative(String[] args, int i, String option) {
        try {
            int n = Integer.parseInt(value(args, i, option));
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number");
        }
    }
}
