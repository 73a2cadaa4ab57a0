using EscalationDsl.Engine.Delivery;
using EscalationDsl.Engine.Observability;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Machine;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>Operator actions (migration) and delivery bookkeeping.</summary>
internal sealed partial class EngineLoop
{
    /// <summary>
    /// Moves a ticket to the running version of its policy: its log is replayed under that version and
    /// it continues from now. Decisions the new version would have taken in the past are not sent.
    /// </summary>
    public (MigrationResult? Result, EngineError? Error) Migrate(string ticketId)
    {
        TicketEntry? found;
        try
        {
            found = Load(ticketId);
        }
        catch (TicketUnavailableException gone)
        {
            return (null, gone.Error());
        }

        if (found is not { } entry)
        {
            return (null, new EngineError(404, "Unknown ticket", $"Ticket '{ticketId}' does not exist."));
        }

        // A closed ticket loaded just now counts nowhere in the gauge; an open one in its state, with its owner.
        var phaseBefore = entry.Ticket.State;
        var before = Place(entry);

        if (!Registry.Current.TryGetValue(entry.Policy.Name, out var target))
        {
            Release(entry);
            return (null, new EngineError(409, "Policy not loaded", $"Policy '{entry.Policy.Name}' has no running version to migrate to."));
        }

        var from = entry.Policy;
        if (target.Fingerprint == from.Fingerprint)
        {
            Release(entry);
            return (new MigrationResult(ticketId, from.Name, from.Version, from.Fingerprint, target.Version, target.Fingerprint, false, $"already on version {target.Version}"), null);
        }

        // Its row must exist and hold no pending state before it is repinned and rebuilt from the log.
        if (dirtyTickets.ContainsKey(ticketId))
        {
            FlushTickets();
        }

        tickets.Remove(ticketId);
        store.RepinTicket.Execute(ticketId, target.Fingerprint);
        TicketEntry rebuilt;
        try
        {
            rebuilt = Load(ticketId, migration: true)!.Value;
        }
        catch (TicketUnavailableException cannot)
        {
            // The new version cannot replay this ticket's log: it stays as it was, on its version.
            store.RepinTicket.Execute(ticketId, from.Fingerprint);
            if (phaseBefore != TicketPhase.Closed)
            {
                tickets.Set(entry.Ticket);
            }

            if (cannot.InnerException is EventRefusedException misfit)
            {
                // An event the new version refuses: the reason is the answer, no stack trace needed.
                logger.LogWarning("Ticket {Ticket} cannot be migrated to {Policy} version {Version}: {Reason}", ticketId, from.Name, target.Version, misfit.Message);
                return (null, new EngineError(409, "Cannot migrate", $"Ticket '{ticketId}' cannot move: {misfit.Message}. It stays on version {from.Version}."));
            }

            logger.LogWarning(cannot.InnerException, "Ticket {Ticket} cannot be migrated to {Policy} version {Version}: its log does not replay under it", ticketId, from.Name, target.Version);
            return (null, new EngineError(409, "Cannot migrate", $"Ticket '{ticketId}' cannot move to version {target.Version} of policy '{from.Name}': its log does not replay under that version (the engine's log has why). It stays on version {from.Version}."));
        }

        var now = Now;
        scratch.Clear();
        rebuilt.Policy.Runtime.AdvanceTo(rebuilt.Ticket, Instant.FromUnixTimeMilliseconds(now), scratch);
        TakePagesSent(ticketId); // after the replay's run up to now, whose decisions were not sent either
        AppendAdvance(ticketId, now);
        store.InsertMigration.Execute(ticketId, now, from.Fingerprint, target.Fingerprint); // after that run: its row is the last one replayed
        logger.LogInformation("Ticket {Ticket} migrated from policy {Policy} version {FromVersion} ({FromFingerprint}) to version {ToVersion} ({ToFingerprint}); decisions the new version would have taken before now were not sent",
            ticketId, from.Name, from.Version, from.Fingerprint, target.Version, target.Fingerprint);
        RecordResponseTimes(rebuilt, entry.Ticket.AcknowledgedAt, entry.Ticket.EngineeringAssignedAt, entry.Ticket.IsDone); // counted once: what the old version had is not new
        AfterChange(rebuilt, before, null, now);
        return (new MigrationResult(ticketId, from.Name, from.Version, from.Fingerprint, target.Version, target.Fingerprint, true), null);
    }

    /// <summary>
    /// Migrates every open ticket of a policy to its running version. A ticket that cannot move is in
    /// the answer too, on its version, with the reason a migration of it alone would answer 409 with; so is
    /// an open ticket set aside because its log cannot be rebuilt, with the reason it is unavailable.
    /// </summary>
    public (IReadOnlyList<MigrationResult>? Results, EngineError? Error) MigrateAll(string policy)
    {
        if (!Registry.Current.TryGetValue(policy, out var target))
        {
            return (null, new EngineError(404, "Unknown policy", Registry.PolicyNotLoaded(policy)));
        }

        var results = new List<MigrationResult>();
        foreach (var from in tickets.All.Select(t => (t.Id, new TicketEntry(t).Policy)).Where(t => t.Policy.Name == policy).ToList())
        {
            var (result, error) = Migrate(from.Id);
            results.Add(result ?? new MigrationResult(from.Id, policy, from.Policy.Version, from.Policy.Fingerprint, target.Version, target.Fingerprint, false, error!.Detail));
        }

        // Set aside tickets are not in memory: their rows say which version they are pinned to (a review's F7: they
        // were left out of the answer, as if the policy had no such ticket).
        foreach (var id in unavailable.Order(StringComparer.Ordinal))
        {
            if (StoredTicket(id) is { Closed: false } stored && Version(stored.Fingerprint) is { } version && version.Name == policy)
            {
                results.Add(new MigrationResult(id, policy, version.Version, version.Fingerprint, target.Version, target.Fingerprint, false, new TicketUnavailableException(id).Error().Detail));
            }
        }

        logger.LogInformation("Policy {Policy}: {Migrated} of {Count} open tickets migrated to version {Version} ({Fingerprint}); {Already} on it already, {Stayed} could not move",
            policy, results.Count(r => r.Migrated), results.Count, target.Version, target.Fingerprint,
            results.Count(r => !r.Migrated && r.FromFingerprint == target.Fingerprint), results.Count(r => !r.Migrated && r.FromFingerprint != target.Fingerprint));
        return (results, null);
    }

    /// <summary>Records what the dispatcher's attempts did (written by <see cref="StoreWriter.Execute"/>, which counts them).</summary>
    public void RecordDeliveries(IReadOnlyList<DeliveryOutcome> outcomes)
    {
        Target.Deliveries.AddRange(outcomes);
        Written();
    }

    /// <summary>A consistent snapshot of a ticket (open or closed), or null.</summary>
    public (TicketSnapshot Snapshot, string Policy, int Version, string Fingerprint, StoredMigration? Migrated)? Describe(string ticketId)
    {
        if (Load(ticketId) is not { } entry)
        {
            return null;
        }

        try
        {
            return (entry.Policy.Runtime.Describe(entry.Ticket), entry.Policy.Name, entry.Policy.Version, entry.Policy.Fingerprint, LastMigration(ticketId));
        }
        finally
        {
            Release(entry); // a closed ticket loaded to be read leaves the open set even if describing it throws
        }
    }

    /// <summary>
    /// A closed ticket that <see cref="Load"/> rebuilt only to be read, or left as it was, leaves
    /// memory again: the open tickets (and so the gauge, /readyz and MigrateAll) hold open ones only.
    /// </summary>
    private void Release(TicketEntry entry)
    {
        if (entry.Ticket.State == Runtime.Machine.TicketPhase.Closed)
        {
            tickets.Remove(entry.Ticket.Id);
        }
    }

    /// <summary>
    /// Whether the ticket runs in memory (open, or changed earlier in this group): a log of it that
    /// does not replay was damaged since it was rebuilt, and the ticket goes on running.
    /// </summary>
    public bool RunsInMemory(string ticketId) => tickets.Contains(ticketId) || dirtyTickets.ContainsKey(ticketId);

    /// <summary>The stored log of a ticket and the policy version to explain it with.</summary>
    public (Policies.PolicyVersion Version, List<(string Kind, long At, string? Body, long Seq)> Rows)? Log(string ticketId)
    {
        if (unavailable.Contains(ticketId))
        {
            throw new TicketUnavailableException(ticketId);
        }

        // A ticket created or changed earlier in this group has its row written only at the commit,
        // from its entry: the version the row will name. (Not written now: the log of a retried event
        // is read inside its request's savepoint, which a refusal rolls back.)
        Policies.PolicyVersion? version = null;
        string? fingerprint = null;
        if (dirtyTickets.TryGetValue(ticketId, out var changed))
        {
            version = changed.Entry.Policy;
        }
        else
        {
            if (StoredTicket(ticketId) is not { } stored)
            {
                return null;
            }

            fingerprint = stored.Fingerprint;
        }

        var rows = new List<(string Kind, long At, string? Body, long Seq)>();
        using (var reader = store.TicketLog.Query(ticketId))
        {
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)));
            }
        }

        version ??= Version(fingerprint!);
        if (version is null)
        {
            // Stored, but pinned to a version that is not stored or no longer binds: not unknown.
            var cause = VersionMissing(ticketId, fingerprint!);
            MarkUnavailable(ticketId, cause);
            throw new TicketUnavailableException(ticketId, cause);
        }

        return (version, rows);
    }
}

/// <summary>The outcome of moving a ticket to a new policy version.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="Policy">Its policy.</param>
/// <param name="FromVersion">The version it ran before.</param>
/// <param name="FromFingerprint">That version's fingerprint.</param>
/// <param name="ToVersion">The running version of its policy.</param>
/// <param name="ToFingerprint">That version's fingerprint.</param>
/// <param name="Migrated">Whether it moved: false, with a <paramref name="Reason"/>, when it ran the running version already or cannot move.</param>
/// <param name="Reason">
/// Why it did not move: <c>already on version N</c>, or why it cannot move and stays on its version (in the answer
/// of POST /v1/policies/{name}:migrate; a migration of the ticket alone answers 409 with this detail); absent when it moved.
/// </param>
public sealed record MigrationResult(string Ticket, string Policy, int FromVersion, string FromFingerprint, int ToVersion, string ToFingerprint, bool Migrated, string? Reason = null);
