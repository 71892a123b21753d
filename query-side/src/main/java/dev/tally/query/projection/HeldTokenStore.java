package dev.tally.query.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

import java.lang.management.ManagementFactory;

/**
 * The read models' token store: Axon's JDBC store, except that a batch's token, which the processor stores as the
 * batch starts, is {@linkplain ReadModelChange#holdToken held} and goes to the database with the batch's held writes,
 * in the same transaction: one round trip where it had its own (at the rates where a batch holds one expense, one of
 * six). The update is Axon's own ({@code JdbcTokenStore#storeUpdate}: this node must still own the claim); if it finds
 * no row, Axon's store is asked again at once, which re-claims a released token or fails the batch, rolling it back.
 */
public final class HeldTokenStore extends JdbcTokenStore {

    private final ReadModelChange change;
    private final String update;
    private final String nodeId;

    public HeldTokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema, ReadModelChange change) {
        this(connectionProvider, serializer, schema, change, ManagementFactory.getRuntimeMXBean().getName());
    }

    private HeldTokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema, ReadModelChange change, String nodeId) {
        // the platform's token store's settings (content type, Axon's default node id), so both claim alike
        super(JdbcTokenStore.builder().connectionProvider(connectionProvider).serializer(serializer).schema(schema)
                .contentType(byte[].class).nodeId(nodeId));
        this.change = change;
        this.nodeId = nodeId;
        this.update = "UPDATE " + schema.tokenTable() + " SET " + schema.tokenColumn() + " = ?, " + schema.tokenTypeColumn() + " = ?, "
                + schema.timestampColumn() + " = ? WHERE " + schema.ownerColumn() + " = ? AND " + schema.processorNameColumn() + " = ? AND "
                + schema.segmentColumn() + " = ?";
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        GenericTokenEntry<byte[]> entry = new GenericTokenEntry<>(token, serializer(), byte[].class, processorName, segment);
        SerializedObject<byte[]> data = entry.getSerializedToken();
        SerializedType type = entry.getTokenType();
        Object[] args = {data == null ? null : data.getData(), type == null ? null : type.getName(), entry.timestampAsString(), nodeId, processorName, segment};
        if (!change.holdToken(update, args, () -> super.storeToken(token, processorName, segment))) {
            super.storeToken(token, processorName, segment);
        }
    }
}
