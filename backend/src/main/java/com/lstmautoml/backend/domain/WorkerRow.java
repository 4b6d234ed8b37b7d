package com.lstmautoml.backend.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A training worker as it registered itself (written by core's WorkerRegistry). Read-only here. */
@Entity
@Table(name = "worker")
public class WorkerRow extends PanacheEntityBase {

    @Id
    public String id;

    public String host;

    public String backend;

    public String device;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;
}
