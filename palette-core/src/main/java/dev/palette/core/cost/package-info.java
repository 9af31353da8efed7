/**
 * Usage and cost: the ledger of the time nodes spend running, the tenant's rate card, and cost
 * reports grouped by project, cluster, virtual cluster or cloud. Start at {@link
 * dev.palette.core.cost.CostService}.
 */
package dev.palette.core.cost;
