package com.lstmautoml.ui.fakes;

import com.lstmautoml.core.api.ApiDtos.DatasetPreview;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.List;

/** In-memory datasets; records the CSVs it was asked to create. */
public class FakeDatasets implements Datasets {

    public final List<DatasetView> datasets = new ArrayList<>();
    public final List<String> created = new ArrayList<>();
    public ValidationException previewError;

    @Override
    public List<DatasetView> list() {
        return List.copyOf(datasets);
    }

    @Override
    public DatasetView get(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("no dataset " + name));
    }

    @Override
    public DatasetView create(String name, String csv, String timeColumn, String createdBy) {
        created.add(name);
        String[] header = csv.lines().findFirst().orElse("").split(",");
        DatasetView d = Fixtures.dataset(name, (int) csv.lines().count() - 1,
                java.util.Arrays.copyOfRange(header, 1, header.length));
        datasets.add(d);
        return d;
    }

    @Override
    public DatasetPreview preview(String csv, String timeColumn, int rows) {
        if (previewError != null) {
            throw previewError;
        }
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        List<List<String>> first = lines.stream().skip(1).limit(rows).map(l -> List.of(l.split(","))).toList();
        return new DatasetPreview(header.get(0), header.subList(1, header.size()), lines.size() - 1, header, first);
    }
}
