package com.lstmautoml.core.bench;

import com.lstmautoml.core.baselines.CharNGramBaseline;
import com.lstmautoml.core.search.Proposal;
import com.lstmautoml.core.search.SearchContext;
import com.lstmautoml.core.search.SearchStrategies;
import com.lstmautoml.core.search.SearchStrategy;
import com.lstmautoml.core.search.TrialRecord;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.training.CharLstmTrainer;
import com.lstmautoml.core.training.CharSampler;
import com.lstmautoml.core.training.EpochListener;
import com.lstmautoml.core.training.NativeThreads;
import com.lstmautoml.core.training.TextTrainingJob;
import com.lstmautoml.core.training.TrainingResult;
import com.lstmautoml.core.trial.TrialState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Issue "A second task: character-level text generation", its targets: does the best of 20 trials beat the character
 * n-gram baseline on validation bits per character, and how many characters per second does sampling give? Runs a
 * search in-process (the default strategy, TPE, over the default generation space → DL4J training → history, one
 * worker) on a freely licensed English text of at least 200 KB, and prints both figures; asserts nothing.
 *
 * <p>The text: Debian's {@code fortunes} package (the fortune-mod cookies, BSD-licensed), fetched at run time with
 * {@code apt-get download fortunes} and unpacked with {@code dpkg-deb -x} into {@code target/}, no root needed; or
 * any UTF-8 file given with {@code --text}.
 *
 * <pre>mvn -B -q -pl db-migrations,core test-compile
 * OMP_NUM_THREADS=1 mvn -B -q -pl core exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.lstmautoml.core.bench.TextGenerationBench [-Dexec.args="--trials 20 --max-epochs 16 --patience 3"]</pre>
 *
 * <p>Options: {@code --trials N} (20), {@code --max-epochs E} (16), {@code --patience P} (3), {@code --bytes B}
 * (262144: the text's first characters, up to B bytes of UTF-8), {@code --seed S} (42), {@code --text FILE}.
 */
public final class TextGenerationBench {

    public static void main(String[] args) throws Exception {
        int trials = intArg(args, "--trials", 20);
        int maxEpochs = intArg(args, "--max-epochs", 16);
        int patience = intArg(args, "--patience", 3);
        int bytes = intArg(args, "--bytes", 256 * 1024);
        long seed = intArg(args, "--seed", 42);
        String file = arg(args, "--text", null);
        NativeThreads.configure(1);

        String text = file != null ? Files.readString(Path.of(file), StandardCharsets.UTF_8) : fortunes(bytes);
        // the first characters up to `bytes` bytes of UTF-8, never half a character
        int cut = 0;
        int size = 0;
        while (cut < text.length()) {
            int cp = text.codePointAt(cut);
            size += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (size > bytes) {
                break;
            }
            cut += Character.charCount(cp);
        }
        text = text.substring(0, cut);
        TextCorpus corpus = TextCorpus.of(text);
        int v = corpus.vocabulary().size();
        int[] s = corpus.symbols();
        System.out.printf("text: %d characters (%d bytes of UTF-8), vocabulary %d; train %d, validation %d, test %d%n",
                corpus.length(), text.getBytes(StandardCharsets.UTF_8).length, v, corpus.trainEnd(),
                corpus.validationEnd() - corpus.trainEnd(), corpus.length() - corpus.validationEnd());

        // the baseline: Kneser-Ney n-grams of orders 3..5, the order chosen on validation
        CharNGramBaseline bestNGram = null;
        double bestNGramVal = Double.POSITIVE_INFINITY;
        for (int order = CharNGramBaseline.MIN_ORDER; order <= CharNGramBaseline.MAX_ORDER; order++) {
            long t0 = System.nanoTime();
            CharNGramBaseline m = CharNGramBaseline.fit(s, 0, corpus.trainEnd(), v, order);
            double val = m.bitsPerCharacter(s, corpus.trainEnd(), corpus.validationEnd());
            System.out.printf("n-gram order %d (Kneser-Ney): validation %.3f bits/char (%.1f s)%n", order, val,
                    (System.nanoTime() - t0) / 1e9);
            if (val < bestNGramVal) {
                bestNGramVal = val;
                bestNGram = m;
            }
        }
        double nGramTest = bestNGram.bitsPerCharacter(s, corpus.validationEnd(), corpus.length());

        // the search
        SearchSpace space = SearchSpace.defaults(Task.GENERATE, false);
        SearchStrategy strategy = SearchStrategies.forName("tpe");
        List<TrialRecord> history = new ArrayList<>();
        TrainingResult best = null;
        int bestNumber = -1;
        long searchStart = System.nanoTime();
        for (int i = 0; i < trials; i++) {
            Proposal p = strategy.propose(new SearchContext(space, v, seed, history, trials)).orElseThrow();
            long t0 = System.nanoTime();
            TrainingResult r = new CharLstmTrainer().train(new TextTrainingJob(corpus, p.params(),
                    p.modelConfigJson(), maxEpochs, 1, patience, seed + i), EpochListener.NONE);
            double secs = (System.nanoTime() - t0) / 1e9;
            history.add(new TrialRecord(i, p.params(), TrialState.COMPLETED, r.valRmse(), r.epochsRun()));
            System.out.printf("trial %2d: %s -> validation %.3f bits/char after %d epochs (%.0f s, %.2f s/epoch)%n",
                    i, p.params(), r.valRmse(), r.epochsRun(), secs, secs / r.epochsRun());
            if (best == null || r.valRmse() < best.valRmse()) {
                best = r;
                bestNumber = i;
            }
        }
        double searchSecs = (System.nanoTime() - searchStart) / 1e9;
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(best.modelZip()));
        double lstmTest = CharLstmTrainer.testBitsPerCharacter(net, corpus);

        // sampling throughput at the three temperatures of the trial page
        CharSampler sampler = new CharSampler(net, corpus.vocabulary());
        String seedText = corpus.text(corpus.validationEnd(), corpus.validationEnd() + 40);
        List<String> samples = new ArrayList<>();
        long sampleStart = System.nanoTime();
        int sampled = 0;
        for (double temperature : new double[]{0.5, 1.0, 1.2}) {
            String out = sampler.sample(seedText, 500, temperature, new Random(seed));
            samples.add(String.format("T=%.1f: %s", temperature, out.replace("\n", "\\n")));
            sampled += out.codePointCount(0, out.length());
        }
        double perSecond = sampled / ((System.nanoTime() - sampleStart) / 1e9);

        System.out.println();
        System.out.printf("search: %d trials in %.0f s; best trial %d: %s%n", trials, searchSecs, bestNumber,
                history.get(bestNumber).params());
        System.out.println("| bits per character | validation | test |");
        System.out.println("|---|---|---|");
        System.out.printf("| n-gram, order %d (Kneser-Ney) | %.3f | %.3f |%n", bestNGram.order(), bestNGramVal,
                nGramTest);
        System.out.printf("| best LSTM of %d trials | %.3f | %.3f |%n", trials, best.valRmse(), lstmTest);
        System.out.printf("target (validation, LSTM below the n-gram): %s%n",
                best.valRmse() < bestNGramVal ? "met" : "NOT met");
        System.out.printf("sampling: %.0f characters/s (3 x 500 characters, seed %d characters, one thread)%n",
                perSecond, seedText.length());
        samples.forEach(System.out::println);
    }

    /** The fortune cookies of Debian's fortunes package, unpacked under target/, concatenated up to {@code bytes}. */
    static String fortunes(int bytes) throws IOException, InterruptedException {
        Path dir = Path.of("target", "text-bench");
        Path data = dir.resolve("root/usr/share/games/fortunes");
        if (!Files.isDirectory(data)) {
            Files.createDirectories(dir);
            run(dir, "apt-get", "download", "fortunes");
            try (Stream<Path> debs = Files.list(dir)) {
                Path deb = debs.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
                run(dir, "dpkg-deb", "-x", deb.getFileName().toString(), "root");
            }
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().contains("."))
                    .sorted().toList()) {
                text.append(new String(Files.readAllBytes(f), StandardCharsets.UTF_8).replace("\n%\n", "\n\n"));
                if (text.length() >= bytes) {
                    break;
                }
            }
        }
        return text.toString();
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: install it, or give --text FILE");
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        String v = arg(args, name, null);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private TextGenerationBench() {
    }
}
