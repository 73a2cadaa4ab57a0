using EscalationDsl.Engine.Processing;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Runtime.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace EscalationDsl.Engine.Api;

/// <summary>Dead letters: the list, and putting one back in line.</summary>
internal static class DeliveryEndpoints
{
    /// <summary>At most this many deliveries are listed, the oldest dead letters first.</summary>
    public const int MaxListed = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/v1/deliveries", Reads.Methods, (string? status, string? sink, EngineDatabase database) =>
            {
                if (status is not (null or "dead"))
                {
                    return Problems.BadRequest($"Only dead-lettered deliveries are listed: give status=dead, not '{status}'.", "status");
                }

                // Its own connection: the engine loop goes on writing while the list is read.
                using var connection = database.Open();
                return Results.Ok(new DeliveryList(ReadDead(connection, sink)));
            })
            .Produces<DeliveryList>()
            .ProducesProblem(400)
            .ProducesProblem(500)
            .WithName("ListDeliveries")
            .WithSummary("Dead-lettered deliveries (status=dead), of one sink with sink=NAME; the oldest 1000 first.");

        app.MapPost("/v1/deliveries/{id}:retry", async (string id, string? sink, HttpContext http, EngineLoop loop) =>
            {
                id = RouteId.Decode(http, "/v1/deliveries/", id, ":retry");
                if (await NoBody.CheckAsync(http.Request, "POST /v1/deliveries/{id}:retry", "it puts the decision's dead deliveries back in line") is { } body)
                {
                    return body;
                }

                var command = new CommandItem<(IReadOnlyList<string>? Sinks, EngineError? Error)>(l => l.RetryDead(id, sink));
                loop.Post(command);
                var (sinks, error) = await command.Task;
                return error is not null ? Problems.From(error) : Results.Ok(new RetriedDelivery(id, sinks!));
            })
            .Produces<RetriedDelivery>()
            .ProducesProblems(ProblemStatuses.OperatorWrite)
            .WithName("RetryDelivery")
            .WithSummary("Put a decision's dead-lettered deliveries (to one sink with sink=NAME) back in line: attempts start again.")
            .WithDescription("The id is the decision's, with `/` sent as `%2F`. 404 when the decision has no delivery (to that sink), 409 when none of them is dead-lettered.");
    }

    private static List<DeadDelivery> ReadDead(Microsoft.Data.Sqlite.SqliteConnection connection, string? sink)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT d.decision_id, x.ticket_id, d.sink, x.kind, x.owner, d.attempts, d.last_error, x.at, d.next_attempt_at
            FROM deliveries d JOIN decisions x ON x.decision_id = d.decision_id
            WHERE d.status = 'dead'{(sink is null ? "" : " AND d.sink = $sink")}
            ORDER BY d.next_attempt_at, d.decision_id, d.sink
            LIMIT {MaxListed}
            """;
        if (sink is not null)
        {
            command.Parameters.AddWithValue("$sink", sink);
        }

        using var reader = command.ExecuteReader();
        var list = new List<DeadDelivery>();
        while (reader.Read())
        {
            list.Add(new DeadDelivery(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), Time(reader.GetInt64(7)), Time(reader.GetInt64(8))));
        }

        return list;
    }

    private static string Time(long unixMs) => TicketEventJson.FormatTime(Instant.FromUnixTimeMilliseconds(unixMs));
}
