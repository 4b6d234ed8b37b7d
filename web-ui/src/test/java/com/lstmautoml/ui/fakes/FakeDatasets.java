package com.lstmautoml.ui.fakes;

import com.lstmautoml.core.api.ApiDtos.DatasetPreview;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.ValidationException;

import java.util.ArrayList;
import java.util.List;

/** In-memory datasets; records the CSVs it was asked to create and who asked; refuses viewers like the service. */
public class FakeDatasets implements Datasets {

    public final List<DatasetView> datasets = new ArrayList<>();
    public final List<String> created = new ArrayList<>();
    public final List<Caller> creators = new ArrayList<>();
    public ValidationException previewError;

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
}
