package com.lstmautoml.core.export;

import com.lstmautoml.core.testing.TinyForecaster;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.data.ChronoSplit;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.forecast.Conformal;
import com.lstmautoml.core.forecast.RecursiveForecaster;
import com.lstmautoml.core.training.OneStepForecasts;
import com.lstmautoml.core.trial.TrialParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The export archive: an exact round trip of every entry, the half-precision copy against an independent scoring, the
 * training-data fingerprint against a hand-written CSV, and unreadable archives refused with a message naming what is
 * wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelArchiveTest {

    static final int ROWS = 60;
    static final long SEED = 42;
    static final TrialParams TINY = new TrialParams(4, 1, 3, 0.0, 16, 0.01, "none", 1, "minmax");

    Table table;
    Preprocessing prep;
    MultiLayerNetwork net;
    Conformal calibration;

    @BeforeAll
    void trainOnce() {
        TinyForecaster tiny = TinyForecaster.train(TinyForecaster.seasonalTable(ROWS), TINY, SEED);
        table = tiny.table();
        prep = tiny.prep();
        net = tiny.net();
        ChronoSplit.Range validation = prep.rows().validation();
        calibration = Conformal.calibrate(net, prep, table, validation, validation.to(), validation.size());
    }

    private ModelCard card(HalfPrecisionCopy half, long servedBytes) {
        ChronoSplit.Range train = prep.rows().train();
        return new ModelCard(ModelCard.FORMAT, "m", 3, ApiDtos.SERVING_TRIAL, 11, 22,
                new ModelCard.DatasetInfo("d", "t", "y", prep.inputColumns(), ROWS, "t0", "t59"),
                new ModelCard.TrainingData(train.size(), "t0", "t" + (train.to() - 1),
                        TrainingDataDigest.sha256(table, prep.inputColumns(), train), TrainingDataDigest.DEFINITION),
                new ObjectMapper().createObjectNode().put("units", 4),
                new ModelCard.Metrics(new ModelCard.Scores(1.0, 0.5, null, 3.0, 0.1),
                        new ModelCard.Scores(2.0, 1.5, 0.9, 4.0, null),
                        List.of(new ApiDtos.VersionBaseline("naive", 3.0, 2.0, 1.1, 5.0, 0.0))),
                "alice", "2026-01-02T03:04:05Z",
                new ModelCard.HalfPrecision(ModelArchive.HALF_MODEL, "HALF", "HALF", half.modelZip().length,
                        servedBytes, half.testRows(), half.servedTestRmse(), half.halfTestRmse(), half.change()));
    }

    private byte[] archive() {
        byte[] model = ModelArchive.modelZip(net);
        HalfPrecisionCopy half = HalfPrecisionCopy.of(net, prep, table, prep.rows().test());
        return ModelArchive.write(card(half, model.length), model, prep, calibration, half.modelZip());
    }

    private static List<String> entryNames(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void everyEntryComesBackExactly() throws Exception {
        byte[] model = ModelArchive.modelZip(net);
        HalfPrecisionCopy half = HalfPrecisionCopy.of(net, prep, table, prep.rows().test());
        ModelCard card = card(half, model.length);
        byte[] zip = ModelArchive.write(card, model, prep, calibration, half.modelZip());

        // the five entries, card first
        assertThat(entryNames(zip)).containsExactly("model-card.json", "model.zip", "preprocessing.json",
                "calibration.json", "model-fp16.zip");
        ModelArchive.Contents back = ModelArchive.read(zip);
        // card and preprocessing as written
        assertThat(back.card()).isEqualTo(card);
        assertThat(back.preprocessing().toJson()).isEqualTo(prep.toJson());
        // the calibration's doubles to the last bit, step by step
        assertThat(back.calibration().errors()).hasSameSizeAs(calibration.errors());
        for (int k = 0; k < calibration.errors().size(); k++) {
            assertThat(back.calibration().errors().get(k)).containsExactly(calibration.errors().get(k));
        }
        // the restored network forecasts exactly as the original
        int origin = prep.rows().validation().to();
        Map<String, double[]> future = Map.of("x", Arrays.copyOfRange(table.column("x"), origin, origin + 5));
        Table history = head(origin);
        assertThat(RecursiveForecaster.forecast(back.net(), back.preprocessing(), history, future, 5))
                .containsExactly(RecursiveForecaster.forecast(net, prep, history, future, 5));
        // and the fp16 copy restores as a HALF network
        assertThat(back.halfPrecisionNet().getLayerWiseConfigurations().getDataType()).isEqualTo(DataType.HALF);
        assertThat(back.halfPrecisionNet().params().dataType()).isEqualTo(DataType.HALF);
    }

    @Test
    void theHalfCopyIsScoredLikeTheTestScoreAndLeavesTheServedNetworkAlone() {
        ChronoSplit.Range test = prep.rows().test();
        double[] before = OneStepForecasts.forRows(net, prep, table, test).predicted();
        HalfPrecisionCopy half = HalfPrecisionCopy.of(net, prep, table, test);

        // the served network is still fp32 and forecasts as before
        assertThat(net.getLayerWiseConfigurations().getDataType()).isEqualTo(DataType.FLOAT);
        assertThat(OneStepForecasts.forRows(net, prep, table, test).predicted()).containsExactly(before);
        // independently: RMSE of each network's one-step forecasts against the actual test values
        MultiLayerNetwork copy = OneStepForecasts.restore(half.modelZip());
        double[] halfForecasts = OneStepForecasts.forRows(copy, prep, table, test).predicted();
        double[] y = table.column("y");
        double servedSum = 0;
        double halfSum = 0;
        for (int i = 0; i < test.size(); i++) {
            servedSum += Math.pow(y[test.from() + i] - before[i], 2);
            halfSum += Math.pow(y[test.from() + i] - halfForecasts[i], 2);
        }
        assertThat(half.testRows()).isEqualTo(test.size());
        assertThat(half.servedTestRmse()).isCloseTo(Math.sqrt(servedSum / test.size()), within(1e-9));
        assertThat(half.halfTestRmse()).isCloseTo(Math.sqrt(halfSum / test.size()), within(1e-9));
        assertThat(half.change()).isEqualTo(half.halfTestRmse() - half.servedTestRmse());
        // fp16 keeps ~3 decimal digits: its forecasts move, but by far less than the series' scale
        for (int i = 0; i < before.length; i++) {
            assertThat(halfForecasts[i]).isCloseTo(before[i], within(0.05 * Math.abs(before[i]) + 0.05));
        }
    }

    @Test
    void theTrainingFingerprintIsTheSha256OfTheDocumentedCsv() throws Exception {
        ChronoSplit.Range train = prep.rows().train();
        StringBuilder csv = new StringBuilder("time,y,x\n");
        for (int r = 0; r < train.to(); r++) {
            csv.append("t").append(r).append(',').append(table.column("y")[r]).append(',')
                    .append(table.column("x")[r]).append('\n');
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(csv.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(TrainingDataDigest.sha256(table, List.of("y", "x"), train)).isEqualTo(expected);

        // a label or name holding a comma or a quote is quoted as RFC 4180 says; numbers by Double.toString
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("a,b", new double[]{112, 1e-4});
        Table odd = new Table("when", List.of("1, Jan", "say \"hi\""), cols);
        assertThat(TrainingDataDigest.csv(odd, List.of("a,b"), new ChronoSplit.Range(0, 2)))
                .isEqualTo("time,\"a,b\"\n\"1, Jan\",112.0\n\"say \"\"hi\"\"\",1.0E-4\n");
    }

    @Test
    void unreadableArchivesAreRefusedNamingWhatIsWrong() throws Exception {
        byte[] good = archive();
        // not a zip at all (e.g. the history CSV given as the model)
        assertThatThrownBy(() -> ModelArchive.read("time,y\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelArchive.FormatException.class).hasMessageContaining("not an exported model");
        // an entry missing
        assertThatThrownBy(() -> ModelArchive.read(rewrite(good, "calibration.json", null)))
                .isInstanceOf(ModelArchive.FormatException.class).hasMessageContaining("no calibration.json");
        // another format
        String card = new String(entry(good, "model-card.json"), StandardCharsets.UTF_8)
                .replace(ModelCard.FORMAT, "lstm-automl-export/99");
        assertThatThrownBy(() -> ModelArchive.read(rewrite(good, "model-card.json",
                card.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ModelArchive.FormatException.class).hasMessageContaining("lstm-automl-export/99");
        // a text generation model's export, given to the forecaster: named for what it is
        ModelCard textCard = new ObjectMapper().readValue(entry(good, "model-card.json"), ModelCard.class);
        byte[] text = ModelArchive.writeText(new ModelCard(ModelCard.TEXT_FORMAT, textCard.model(),
                textCard.version(), textCard.servedBy(), textCard.experimentId(), textCard.trialId(),
                textCard.dataset(), textCard.trainingData(), textCard.params(), textCard.metrics(),
                textCard.promotedBy(), textCard.promotedAt(), null), entry(good, "model.zip"),
                "{\"characters\":\"ab\"}");
        assertThatThrownBy(() -> ModelArchive.read(text)).isInstanceOf(ModelArchive.FormatException.class)
                .hasMessageContaining("text generation model's export").hasMessageContaining("/sample");
        // a network that is not one
        assertThatThrownBy(() -> ModelArchive.read(rewrite(good, "model.zip", new byte[]{1, 2, 3})))
                .isInstanceOf(ModelArchive.FormatException.class).hasMessageContaining("model.zip");
        // a calibration with a negative error
        assertThatThrownBy(() -> ModelArchive.read(rewrite(good, "calibration.json",
                "{\"errors\":[[1.0,-2.0]]}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ModelArchive.FormatException.class).hasMessageContaining("calibration.json")
                .hasMessageContaining("step 1");
    }

    @Test
    void calibrationJsonKeepsEveryDoubleExactly() {
        Conformal c = new Conformal(List.of(new double[]{1e-300, 0.1 + 0.2, 123456.789012345678},
                new double[]{Math.PI}, new double[0]));
        Conformal back = Conformal.fromJson(c.toJson());
        // bit-for-bit (the errors are sorted, as calibrate() leaves them), an empty step included
        for (int k = 0; k < 3; k++) {
            assertThat(back.errors().get(k)).containsExactly(c.errors().get(k));
        }
    }

    private Table head(int rows) {
        Map<String, double[]> cols = new LinkedHashMap<>();
        table.columns().forEach((c, v) -> cols.put(c, Arrays.copyOf(v, rows)));
        return new Table(table.timeColumn(), table.times().subList(0, rows), cols);
    }

    private static byte[] entry(byte[] zip, String name) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no " + name);
    }

    /** The archive with {@code name} replaced by {@code content}, or left out when it is null. */
    private static byte[] rewrite(byte[] zip, String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(name)) {
                    if (content == null) {
                        continue;
                    }
                    data = content;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
