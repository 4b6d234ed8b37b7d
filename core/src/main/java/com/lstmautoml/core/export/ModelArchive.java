package com.lstmautoml.core.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.lstmautoml.core.data.Preprocessing;
import com.lstmautoml.core.forecast.Conformal;
import com.lstmautoml.core.training.OneStepForecasts;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * An exported model version, a zip that a plain Java program with DL4J turns into forecasts without the service (the
 * {@code worker forecast} command does; DL4J cannot export ONNX, so the portable artifact is DL4J's own zip plus what
 * surrounds the network). Written by the service, read by the worker; kept here so neither needs the other.
 *
 * <p>Entries, in this order:
 * <ul>
 *   <li>{@value #CARD}: the {@link ModelCard}, pretty-printed JSON;</li>
 *   <li>{@value #MODEL}: the served network, a {@link ModelSerializer} zip without updater state;</li>
 *   <li>{@value #PREPROCESSING}: its fitted preprocessing ({@link Preprocessing#toJson()});</li>
 *   <li>{@value #CALIBRATION}: the split-conformal errors per horizon step the service's intervals use
 *   ({@link Conformal#toJson()});</li>
 *   <li>{@value #HALF_MODEL}: a half-precision copy of the network ({@link HalfPrecisionCopy}), for size-constrained
 *   deployments; the card says what it costs in accuracy.</li>
 * </ul>
 * A forecast offline is then: restore {@value #MODEL}, {@link com.lstmautoml.core.forecast.RecursiveForecaster} with
 * the preprocessing, {@link com.lstmautoml.core.forecast.ForecastPoints} with the calibration: the same code as the
 * service, hence the same numbers.
 */
public final class ModelArchive {

    public static final String CARD = "model-card.json";
    public static final String MODEL = "model.zip";
    public static final String PREPROCESSING = "preprocessing.json";
    public static final String CALIBRATION = "calibration.json";
    public static final String HALF_MODEL = "model-fp16.zip";
    /** Every entry, in the order written. */
    public static final List<String> ENTRIES = List.of(CARD, MODEL, PREPROCESSING, CALIBRATION, HALF_MODEL);

    /** Largest entry read back (the networks the service trains are far smaller); guards against zip bombs. */
    static final int MAX_ENTRY_BYTES = 512 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelArchive() {
    }

    /** The bytes are not an exported model; the message says what is wrong, for a person. */
    public static final class FormatException extends IllegalArgumentException {
        public FormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * An archive read back.
     *
     * @param net           the served network
     * @param preprocessing its preprocessing
     * @param calibration   the conformal errors per step
     * @param card          the model card
     * @param halfModelZip  the ModelSerializer zip of the fp16 copy, restored on demand by {@link #halfPrecisionNet()}
     */
    public record Contents(MultiLayerNetwork net, Preprocessing preprocessing, Conformal calibration, ModelCard card,
                           byte[] halfModelZip) {

        /** The half-precision copy. */
        public MultiLayerNetwork halfPrecisionNet() {
            return OneStepForecasts.restore(halfModelZip);
        }
    }

    /** A network as a ModelSerializer zip, without updater state (only inference is exported). */
    public static byte[] modelZip(MultiLayerNetwork net) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the network", e);
        }
        return out.toByteArray();
    }

    /** The card as written into the archive. */
    public static String cardJson(ModelCard card) {
        try {
            return JSON.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the model card", e);
        }
    }

    /**
     * The archive of a version.
     *
     * @param modelZip     the served network ({@link #modelZip})
     * @param halfModelZip its fp16 copy ({@link HalfPrecisionCopy#modelZip()})
     */
    public static byte[] write(ModelCard card, byte[] modelZip, Preprocessing preprocessing, Conformal calibration,
                               byte[] halfModelZip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CARD, cardJson(card).getBytes(StandardCharsets.UTF_8));
        entries.put(MODEL, modelZip);
        entries.put(PREPROCESSING, preprocessing.toJson().getBytes(StandardCharsets.UTF_8));
        entries.put(CALIBRATION, calibration.toJson().getBytes(StandardCharsets.UTF_8));
        entries.put(HALF_MODEL, halfModelZip);
        return zip(entries);
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive", e);
        }
        return bytes.toByteArray();
    }

    /** A text model's vocabulary entry ({@link #writeText}). */
    public static final String VOCABULARY = "vocabulary.json";

    /**
     * The archive of a generation model (card format {@link ModelCard#TEXT_FORMAT}): {@value #CARD}, {@value #MODEL}
     * (the network: one-hot characters in, a softmax over the vocabulary out) and {@value #VOCABULARY}
     * ({@code {"characters": "..."}}: symbol i + 1 is the i-th character; symbol 0 stands for every other one). Sampling
     * offline is {@link com.lstmautoml.core.training.CharSampler} over the restored network and that vocabulary.
     */
    public static byte[] writeText(ModelCard card, byte[] modelZip, String vocabularyJson) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CARD, cardJson(card).getBytes(StandardCharsets.UTF_8));
        entries.put(MODEL, modelZip);
        entries.put(VOCABULARY, vocabularyJson.getBytes(StandardCharsets.UTF_8));
        return zip(entries);
    }

    /** Reads an archive from memory. */
    public static Contents read(byte[] archive) {
        try {
            return read(new ByteArrayInputStream(archive));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array is never unreadable
        }
    }

    /**
     * Reads an archive (the stream is read to its end, not closed). Entries other than {@link #ENTRIES} are ignored.
     *
     * @throws FormatException when it is not a zip, lacks an entry, has one twice, is of another format, or an entry
     *                         cannot be read as what it should be
     * @throws IOException     when the stream cannot be read
     */
    public static Contents read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (!ENTRIES.contains(e.getName())) {
                    continue;
                }
                byte[] content = zip.readNBytes(MAX_ENTRY_BYTES + 1);
                if (content.length > MAX_ENTRY_BYTES) {
                    throw new FormatException(e.getName() + " is larger than " + MAX_ENTRY_BYTES + " bytes", null);
                }
                if (entries.put(e.getName(), content) != null) {
                    throw new FormatException("the archive holds " + e.getName() + " twice", null);
                }
            }
        } catch (ZipException e) {
            throw new FormatException("not a zip file (" + e.getMessage() + ")", e);
        }
        if (entries.containsKey(CARD) && new String(entries.get(CARD), StandardCharsets.UTF_8)
                .contains("\"" + ModelCard.TEXT_FORMAT + "\"")) {
            throw new FormatException("this is a text generation model's export (format " + ModelCard.TEXT_FORMAT
                    + "): it writes text rather than forecasts; sample it with the service's POST"
                    + " /api/trials/{id}/sample", null);
        }
        for (String name : ENTRIES) {
            if (!entries.containsKey(name)) {
                throw new FormatException(entries.isEmpty()
                        ? "not an exported model (a zip with " + String.join(", ", ENTRIES) + ")"
                        : "the archive has no " + name + "; an exported model holds " + String.join(", ", ENTRIES),
                        null);
            }
        }
        ModelCard card;
        try {
            card = JSON.readValue(entries.get(CARD), ModelCard.class);
        } catch (IOException e) {
            throw new FormatException(CARD + " is not a model card: " + e.getMessage(), e);
        }
        if (!ModelCard.FORMAT.equals(card.format())) {
            throw new FormatException(CARD + " is of format '" + card.format() + "'; this program reads "
                    + ModelCard.FORMAT, null);
        }
        Preprocessing prep;
        try {
            prep = Preprocessing.fromJson(text(entries, PREPROCESSING));
        } catch (RuntimeException e) {
            throw new FormatException(PREPROCESSING + " is not a model's preprocessing: " + e.getMessage(), e);
        }
        Conformal calibration;
        try {
            calibration = Conformal.fromJson(text(entries, CALIBRATION));
        } catch (IllegalArgumentException e) {
            throw new FormatException(CALIBRATION + ": " + e.getMessage(), e);
        }
        MultiLayerNetwork net;
        try {
            net = OneStepForecasts.restore(entries.get(MODEL));
        } catch (RuntimeException e) {
            throw new FormatException(MODEL + " is not a DL4J network: " + e.getMessage(), e);
        }
        return new Contents(net, prep, calibration, card, entries.get(HALF_MODEL));
    }

    private static String text(Map<String, byte[]> entries, String name) {
        return new String(entries.get(name), StandardCharsets.UTF_8);
    }
}
