using EscalationDsl.Engine.Policies;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Engine.Scheduling;
using EscalationDsl.Engine.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscalationDsl.Engine.Api;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (database, scheduler lag, policies).</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EngineOptions options)
    {
        app.MapMethods("/healthz", Reads.Methods, () => Results.Text("ok\n"))
            .Produces<string>(contentType: "text/plain")
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("Liveness: the process is up.");

        app.MapMethods("/readyz", Reads.Methods, (EngineDatabase database, EngineLoop loop, DeadlineScheduler scheduler) =>
            {
                string databaseStatus;
                try
                {
                    using var connection = database.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM policies";
                    command.ExecuteScalar();
                    databaseStatus = "ok";
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    databaseStatus = "failing: " + e.Message;
                }

                var lag = scheduler.Lag;
                var current = loop.Registry.Current;
                var files = loop.Registry.Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();

                // Created events that name no policy take Engine:DefaultPolicy: without it loaded they all fail.
                var defaultPolicy = options.DefaultPolicy is not { } name ? null
                    : current.ContainsKey(name) ? "ok"
                    : loop.Registry.NotLoaded(name);
                var ready = databaseStatus == "ok" && lag <= options.ReadyLagThreshold && !current.IsEmpty && defaultPolicy is null or "ok";
                var body = new ReadinessDocument(
                    ready ? "ready" : "not ready",
                    databaseStatus,
                    lag.TotalSeconds,
                    loop.OpenTickets,
                    files.Select(f => new PolicyReadiness(f.Path, f.Name, f.Version, f.Status, f.Errors)).ToList(),
                    defaultPolicy,
                    PolicyFiles(files, current));
                return Results.Json(body, statusCode: ready ? 200 : 503);
            })
            .Produces<ReadinessDocument>()
            .Produces<ReadinessDocument>(503)
            .AllowAnonymous()
            .WithName("Ready")
            .WithSummary("Readiness: the database answers, deadlines fire on time, at least one policy runs, and Engine:DefaultPolicy (if set) is among them.")
            .WithDescription("policy_files is ok when a version runs for the policy of every file; otherwise it names each refused file from which nothing runs (still 200 while another policy runs: the others take tickets).");
    }

    /// <summary>
    /// <c>ok</c>, or the refused files whose policy no version runs for: created events for it are refused.
    /// Not a reason for 503, which would take the policies that do run out of service too.
    /// </summary>
    private static string PolicyFiles(IEnumerable<PolicyStatus> files, IReadOnlyDictionary<string, PolicyVersion> current)
    {
        var idle = files
            .Where(f => f.Status == "refused" && (f.Name is null || !current.ContainsKey(f.Name)))
            .Select(f => f.Name is null
                ? $"{f.Path} is refused and nothing from it runs"
                : $"{f.Path} is refused and no version of policy '{f.Name}' runs: created events for it are refused")
            .ToList();
        return idle.Count == 0 ? "ok" : string.Join("; ", idle);
    }
}

/// <summary>The /readyz answer.</summary>
public sealed record ReadinessDocument(string Status, string Database, double SchedulerLagSeconds, int OpenTickets, IReadOnlyList<PolicyReadiness> Policies, string? DefaultPolicy, string PolicyFiles);

/// <summary>One policy file in /readyz.</summary>
public sealed record PolicyReadiness(string Path, string? Name, int? Version, string Status, IReadOnlyList<string> Errors);
