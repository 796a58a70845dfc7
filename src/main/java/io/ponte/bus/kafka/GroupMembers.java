package io.ponte.bus.kafka;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * Which Ponte nodes are live members of the consumer group. A {@code PROCESSING} claim held by a node that is no
 * longer a member is a dead replica's (the group dropped it after its session timed out): the partition's new
 * owner takes the event over at once instead of waiting for the claim to expire.
 */
class GroupMembers {

    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final String group;
    private volatile Set<String> nodes = Set.of();
    private volatile long fetchedAt = System.nanoTime() - CACHE_NANOS;

    GroupMembers(Admin admin, String group) {
        this.admin = admin;
        this.group = group;
    }

    /** The client id a node's consumer uses; how a member is recognised as that node. */
    static String clientId(String nodeId) {
        return "ponte-" + nodeId + "-consumer";
    }

    /** True when the node is known to be gone; false when it is a member or the group cannot be read now. */
    boolean isGone(String nodeId) {
        if (nodeId == null) {
            return true;
        }
        try {
            return !members().contains(clientId(nodeId));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private synchronized Set<String> members() throws Exception {
        if (System.nanoTime() - fetchedAt >= CACHE_NANOS) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(Set.of(group),
                    new DescribeConsumerGroupsOptions().timeoutMs(TIMEOUT_MS)).describedGroups().get(group)
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            nodes = description.members().stream().map(MemberDescription::clientId).collect(Collectors.toSet());
            fetchedAt = System.nanoTime();
        }
        return nodes;
    }
}
