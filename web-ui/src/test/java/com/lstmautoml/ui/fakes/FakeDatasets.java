package com.lstmautoml.ui.fakes;

import com.lstmautoml.core.api.ApiDtos.DatasetPreview;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.ApiDtos.TextSummary;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.ValidationException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * In-memory datasets; records the CSVs and texts it was asked to create and who asked; refuses viewers like the
 * service. A text is read strictly as UTF-8 and must have at least {@link #MIN_TEXT_CHARACTERS} characters.
 */
public class FakeDatasets implements Datasets {

    public final List<DatasetView> datasets = new ArrayList<>();
    public final List<String> created = new ArrayList<>();
    public final List<Caller> creators = new ArrayList<>();
    public ValidationException previewError;
    /** The bytes of each text it was asked to preview or create, in order. */
    public final List<byte[]> texts = new ArrayList<>();
    public static final int MIN_TEXT_CHARACTERS = 100;

    @Override
    public List<DatasetView> list(Caller caller) {
        return List.copyOf(datasets);
    }

    @Override
    public DatasetView get(Caller caller, String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("no dataset " + name));
    }

    @Override
    public DatasetView create(Caller caller, String name, String csv, String timeColumn) {
        caller.require(Role.MEMBER, "upload datasets");
        created.add(name);
        creators.add(caller);
        String[] header = csv.lines().findFirst().orElse("").split(",");
        DatasetView d = Fixtures.dataset(name, (int) csv.lines().count() - 1,
                java.util.Arrays.copyOfRange(header, 1, header.length));
        datasets.add(d);
        return d;
    }

    @Override
    public DatasetPreview preview(Caller caller, String csv, String timeColumn, int rows) {
        if (previewError != null) {
            throw previewError;
        }
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        List<List<String>> first = lines.stream().skip(1).limit(rows).map(l -> List.of(l.split(","))).toList();
        return new DatasetPreview(header.get(0), header.subList(1, header.size()), lines.size() - 1, header, first);
    }

    @Override
    public DatasetView createText(Caller caller, String name, byte[] utf8) {
        caller.require(Role.MEMBER, "upload datasets");
        TextSummary summary = previewText(caller, utf8);
        created.add(name);
        creators.add(caller);
        DatasetView d = Fixtures.textDataset(name, summary);
        datasets.add(d);
        return d;
    }

    @Override
    public TextSummary previewText(Caller caller, byte[] utf8) {
        texts.add(utf8.clone());
        if (previewError != null) {
            throw previewError;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("file", "is not UTF-8 text");
        }
        int n = text.codePointCount(0, text.length());
        if (n < MIN_TEXT_CHARACTERS) {
            throw new ValidationException("file", "has " + n + " characters; a text needs at least "
                    + MIN_TEXT_CHARACTERS);
        }
        int train = n * 8 / 10;
        int validation = n / 10;
        return new TextSummary(n, utf8.length, (int) text.codePoints().distinct().count() + 1, train, validation,
                n - train - validation, text.substring(0, text.offsetByCodePoints(0, Math.min(n, 200))));
    }
}
