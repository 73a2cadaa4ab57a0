using EscalationDsl.Engine.Policies;
using EscalationDsl.Engine.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscalationDsl.Engine.Api;

/// <summary>Policies: list, reload, bulk migrate.</summary>
internal static class PolicyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/v1/policies", Reads.Methods, (EngineLoop loop) =>
                Results.Ok(loop.Registry.Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList()))
            .Produces<List<PolicyStatus>>()
            .ProducesProblem(500)
            .WithName("ListPolicies")
            .WithSummary("Every policy file: the running version, or why its latest text was refused.");

        app.MapPost("/v1/policies:reload", async (HttpRequest request, EngineLoop loop) =>
            {
                if (await NoBody.CheckAsync(request, "POST /v1/policies:reload", "it re-reads the policy folder") is { } body)
                {
                    return body;
                }

                var reload = new CommandItem<IReadOnlyList<PolicyStatus>>(l => l.ReloadPolicies());
                loop.Post(reload);
                return Results.Ok(await reload.Task);
            })
            .Produces<List<PolicyStatus>>()
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(500)
            .ProducesProblem(503)
            .WithName("ReloadPolicies")
            .WithSummary("Re-read the policy folder now (it is also watched).");

        app.MapPost("/v1/policies/{name}:migrate", async (string name, HttpRequest request, EngineLoop loop) =>
            {
                if (await NoBody.CheckAsync(request, "POST /v1/policies/{name}:migrate", "it moves every open ticket of the policy to its running version") is { } body)
                {
                    return body;
                }

                var command = new CommandItem<(IReadOnlyList<MigrationResult>? Results, EngineError? Error)>(l => l.MigrateAll(name));
                loop.Post(command);
                var (results, error) = await command.Task;
                return error is not null ? Problems.From(error) : Results.Ok(results);
            })
            .Produces<List<MigrationResult>>()
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(404)
            .ProducesProblem(500)
            .ProducesProblem(503)
            .WithName("MigratePolicy")
            .WithSummary("Move every open ticket of a policy to its running version.")
            .WithDescription("Answers one entry per open ticket of the policy: moved (migrated true), on the running version already (migrated false, with the reason 'already on version N'), or unable to move (migrated false, with the reason POST /v1/tickets/{id}:migrate answers 409 with; the ticket stays on its version).");
    }
}
