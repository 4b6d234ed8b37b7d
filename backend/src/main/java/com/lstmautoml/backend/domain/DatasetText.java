package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The content of a text dataset (kind {@code text}), in a row of its own so that listing datasets never reads it: the
 * text as uploaded (UTF-8 decoded, a leading byte-order mark dropped), its size in bytes and the size of the vocabulary
 * a model of it learns.
 */
@Entity
@Table(name = "dataset_text")
public class DatasetText extends PanacheEntityBase {

    @Id
    @Column(name = "dataset_id")
    public Long datasetId;

    public String content;

    public int bytes;

    @Column(name = "vocabulary_size")
    public int vocabularySize;
}
