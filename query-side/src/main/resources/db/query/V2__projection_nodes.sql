-- Query-side instances alive right now (a heartbeat each), so the running ones can share the projection segments
-- fairly: see dev.tally.query.projection.SegmentBalancer. A row older than a few heartbeats is a stopped instance.
CREATE TABLE projection_node (
    node_id VARCHAR(200)             NOT NULL PRIMARY KEY,
    seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
