package com.lstmautoml.backend.service;

import com.lstmautoml.backend.config.AutomlConfig;
import com.lstmautoml.backend.domain.Dataset;
import com.lstmautoml.backend.domain.DatasetColumn;
import com.lstmautoml.backend.domain.DatasetText;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.data.CsvParser;
import com.lstmautoml.core.data.Table;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Datasets: CSV and text uploads, the bundled AirPassengers series, and their views. */
@ApplicationScoped
@Transactional
public class DatasetService implements Datasets {

    private static final Logger LOG = Logger.getLogger(DatasetService.class);
    public static final String BUNDLED = "airline-passengers";
    /** Same rule as the database CHECK on dataset.name. */
    /** Most rows a preview returns. */
    public static final int MAX_PREVIEW_ROWS = 1000;
    /** Characters of a text dataset its view shows. */
    public static final int TEXT_PREVIEW_CHARACTERS = 500;
    public static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

    private final Clock clock;
    private final AutomlConfig config;

    public DatasetService(Clock clock, AutomlConfig config) {
        this.clock = clock;
        this.config = config;
    }

    /** Adds the bundled AirPassengers series to a team that lacks it (first start, new teams). */
    public void seedBundled(long teamId) {
        if (Dataset.findByName(teamId, BUNDLED).isEmpty()) {
            try (InputStream in = CsvParser.class.getResourceAsStream("/datasets/" + BUNDLED + ".csv")) {
                if (in == null) {
                    throw new IllegalStateException("the bundled dataset " + BUNDLED + " is missing from core's jar");
                }
                store(teamId, null, BUNDLED, new String(in.readAllBytes(), StandardCharsets.UTF_8), null, "system");
                LOG.infof("added the bundled dataset %s to team %d", BUNDLED, teamId);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public List<ApiDtos.DatasetView> list(Caller caller) {
        return Dataset.<Dataset>list("teamId = ?1 order by name", caller.teamId()).stream()
                .map(this::view).toList();
    }

    @Override
    public ApiDtos.DatasetView get(Caller caller, String name) {
        return view(Dataset.findByName(caller.teamId(), name)
                .orElseThrow(() -> new NotFoundException("no dataset named '" + FieldError.excerpt(name) + "' in team "
                        + caller.teamName())));
    }

    @Override
    public ApiDtos.DatasetView create(Caller caller, String name, String csv, String timeColumn) {
        caller.require(Role.MEMBER, "upload datasets");
        return view(store(caller.teamId(), caller.userId(), name, csv, timeColumn, caller.username()));
    }

    @Override
    public ApiDtos.DatasetView createText(Caller caller, String name, byte[] utf8) {
        caller.require(Role.MEMBER, "upload datasets");
        checkName(caller.teamId(), name);
        TextCorpus corpus = TextCorpus.decode(utf8, "file");
        Dataset d = newDataset(caller.teamId(), caller.userId(), name, caller.username());
        d.kind = ApiDtos.TEXT;
        d.rowCount = corpus.length();
        d.persist();
        d.flush();
        DatasetText t = new DatasetText();
        t.datasetId = d.id;
        t.content = corpus.text();
        t.bytes = t.content.getBytes(StandardCharsets.UTF_8).length;
        t.vocabularySize = corpus.vocabulary().size();
        t.persist();
        return ViewMapper.dataset(d, ViewMapper.textSummary(corpus.length(), t.bytes, t.vocabularySize,
                preview(t.content)));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public ApiDtos.TextSummary previewText(Caller caller, byte[] utf8) {
        caller.require(Role.MEMBER, "upload datasets");
        TextCorpus corpus = TextCorpus.decode(utf8, "file");
        String text = corpus.text();
        return ViewMapper.textSummary(corpus.length(), text.getBytes(StandardCharsets.UTF_8).length,
                corpus.vocabulary().size(), preview(text));
    }

    /** The first {@link #TEXT_PREVIEW_CHARACTERS} characters of a text (never half a character). */
    static String preview(String text) {
        int n = text.codePointCount(0, text.length());
        return n <= TEXT_PREVIEW_CHARACTERS ? text : text.substring(0, text.offsetByCodePoints(0,
                TEXT_PREVIEW_CHARACTERS));
    }

    /** A dataset's view: a text's with its figures, read without its content. */
    private ApiDtos.DatasetView view(Dataset d) {
        if (!d.isText()) {
            return ViewMapper.dataset(d, null);
        }
        Object[] row = (Object[]) Dataset.getEntityManager().createNativeQuery("SELECT bytes, vocabulary_size,"
                + " left(content, " + TEXT_PREVIEW_CHARACTERS + ") FROM dataset_text WHERE dataset_id = ?1")
                .setParameter(1, d.id).getSingleResult();
        return ViewMapper.dataset(d, ViewMapper.textSummary(d.rowCount, ((Number) row[0]).intValue(),
                ((Number) row[1]).intValue(), (String) row[2]));
    }

    /** The vocabulary size of a text dataset, read without its content. */
    public static int vocabularySize(Dataset d) {
        return ((Number) Dataset.getEntityManager().createNativeQuery("SELECT vocabulary_size FROM dataset_text"
                + " WHERE dataset_id = ?1").setParameter(1, d.id).getSingleResult()).intValue();
    }

    /** The text of a text dataset. */
    public static String content(Dataset d) {
        return DatasetText.<DatasetText>findByIdOptional(d.id).map(t -> t.content).orElseThrow(() ->
                new IllegalStateException("dataset " + d.id + " (" + d.name + ") is a text without content"));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public ApiDtos.DatasetPreview preview(Caller caller, String csv, String timeColumn, int rows) {
        caller.require(Role.MEMBER, "upload datasets");
        if (rows < 0 || rows > MAX_PREVIEW_ROWS) {
            throw new ValidationException("rows", "must be between 0 and " + MAX_PREVIEW_ROWS);
        }
        Table table = parse(csv, timeColumn);
        List<String> numeric = List.copyOf(table.columns().keySet());
        List<String> header = new ArrayList<>(numeric.size() + 1);
        header.add(table.timeColumn());
        header.addAll(numeric);
        List<double[]> columns = List.copyOf(table.columns().values());
        List<List<String>> firstRows = new ArrayList<>();
        for (int r = 0; r < Math.min(rows, table.rows()); r++) {
            List<String> row = new ArrayList<>(header.size());
            row.add(table.times().get(r));
            for (double[] column : columns) {
                row.add(plain(column[r]));
            }
            firstRows.add(List.copyOf(row));
        }
        return new ApiDtos.DatasetPreview(table.timeColumn(), numeric, table.rows(), List.copyOf(header),
                List.copyOf(firstRows));
    }

    /** 112.0 → "112", 1.5 → "1.5", 1e-7 → "0.0000001": no exponent, no trailing zeros. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The one parse of an upload, with the configured caps: {@link #create} and {@link #preview} both use it. */
    private Table parse(String csv, String timeColumn) {
        return new CsvParser(config.limits().maxCsvRows(), config.limits().maxCsvColumns()).parse(csv, timeColumn);
    }

    private static void checkName(long teamId, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("name", "give the dataset a name of 1 to 100 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit (e.g. airline-passengers)");
        }
        if (Dataset.findByName(teamId, name).isPresent()) {
            throw new ValidationException("name", "a dataset named '" + name + "' exists already; choose another name");
        }
    }

    private Dataset newDataset(long teamId, Long userId, String name, String createdBy) {
        Dataset d = new Dataset();
        d.name = name;
        d.teamId = teamId;
        d.createdByUserId = userId;
        d.createdBy = createdBy;
        d.createdAt = clock.instant();
        return d;
    }

    private Dataset store(long teamId, Long userId, String name, String csv, String timeColumn, String createdBy) {
        checkName(teamId, name);
        Table table = parse(csv, timeColumn);
        Dataset d = newDataset(teamId, userId, name, createdBy);
        d.timeColumn = table.timeColumn();
        d.timeValues = table.times().toArray(String[]::new);
        d.rowCount = table.rows();
        int position = 0;
        for (Map.Entry<String, double[]> e : table.columns().entrySet()) {
            DatasetColumn c = new DatasetColumn();
            c.dataset = d;
            c.key.position = position++;
            c.name = e.getKey();
            c.values = e.getValue();
            d.columns.add(c);
        }
        d.persist();
        return d;
    }
}
