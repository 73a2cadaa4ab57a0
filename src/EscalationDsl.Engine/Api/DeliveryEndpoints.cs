using System.Globalization;
using System.Text;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Runtime.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace EscalationDsl.Engine.Api;

/// <summary>Dead letters: the list, and putting one back in line.</summary>
internal static class DeliveryEndpoints
{
    /// <summary>At most this many deliveries are listed on a page (limit), the oldest dead letters first.</summary>
    public const int MaxListed = 1000;

    public const string ListPath = "/v1/deliveries";

    /// <summary>The list's operationId in the OpenAPI document.</summary>
    public const string ListName = "ListDeliveries";

    /// <summary>The query parameters the list reads.</summary>
    private static readonly string[] ListParameters = ["status", "sink", "limit", "after"];

    public static void Map(IEndpointRouteBuilder app)
    {
        // limit and after are read as text, so that a bad one gets a problem naming it (the framework's
        // own binding failure is a 400 that names nothing).
        app.MapMethods(ListPath, Reads.Methods, (string? status, string? sink, string? limit, string? after, HttpContext http, EngineDatabase database, EngineOptions options) =>
            {
                // A misspelt `limt=5` listed a thousand: every parameter of the list is one it reads.
                if (UnknownParameter(http, "GET " + ListPath, ListParameters) is { } unknown)
                {
                    return unknown;
                }

                if (status is not (null or "dead"))
                {
                    return Problems.BadRequest($"Only dead-lettered deliveries are listed: give status=dead, not '{status}'.", "status");
                }

                if (PageSize(limit) is not { } size)
                {
                    return Problems.BadRequest($"limit is how many deliveries a page lists, 1 to {MaxListed}, not '{limit}'.", "limit");
                }

                DeliveryCursor? cursor = null;
                if (after is not null && (cursor = DeliveryCursor.Decode(after)) is null)
                {
                    return Problems.BadRequest($"after takes the cursor that ends a page's next link, not '{after}'; leave it out for the first page.", "after");
                }

                // Its own connection: the engine loop goes on writing while the list is read.
                using var connection = database.Open();
                var (page, last) = ReadDead(connection, sink, cursor, size);
                if (page.Count == 0 && cursor is null && sink is not null && !options.Sinks.Exists(s => s.Name == sink))
                {
                    // A sink removed from the settings still lists its dead letters; a name no sink ever had is a typo.
                    var names = options.Sinks.Select(s => s.Name).ToList();
                    var near = NameSuggester.Closest(sink, names);
                    return Problems.BadRequest(
                        $"No sink '{sink}' is configured, and none by that name has dead-lettered deliveries; {(names.Count == 0 ? "no sink is configured (Engine:Sinks)" : "the sinks are " + string.Join(", ", names))}{(near.Count == 0 ? "" : $" (did you mean {near[0]}?)")}.",
                        "sink");
                }

                return Results.Ok(new DeliveryList(page, last is null ? null : NextPage(sink, limit, last)));
            })
            .Produces<DeliveryList>()
            .ProducesProblem(400)
            .ProducesProblem(500)
            .WithName(ListName)
            .WithSummary("Dead-lettered deliveries (status=dead), of one sink with sink=NAME; the oldest first, a page of limit (1 to 1000, 1000 when left out) at a time.")
            .WithDescription("When more follow, `next` is the path and query of the next page (`after=` a cursor): GET it until an answer has no `next`.");

        app.MapPost("/v1/deliveries/{id}:retry", async (string id, string? sink, HttpContext http, EngineLoop loop) =>
            {
                id = RouteId.Decode(http, "/v1/deliveries/", id, ":retry");
                if (UnknownParameter(http, "POST /v1/deliveries/{id}:retry", ["sink"]) is { } unknown)
                {
                    return unknown;
                }

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

    /// <summary>A 400 naming the first query parameter the endpoint does not read, with the nearest it does; null when there is none.</summary>
    private static IResult? UnknownParameter(HttpContext http, string endpoint, string[] reads)
    {
        if (http.Request.Query.Keys.FirstOrDefault(k => !reads.Contains(k)) is not { } unknown)
        {
            return null;
        }

        var near = NameSuggester.Closest(unknown, reads);
        return Problems.BadRequest($"{endpoint} reads no parameter '{unknown}'; it reads {string.Join(", ", reads)}{(near.Count == 0 ? "" : $" (did you mean {near[0]}?)")}.", unknown);
    }

    /// <summary>The page size <paramref name="limit"/> asks for (the most when left out), or null when it is not 1 to <see cref="MaxListed"/>.</summary>
    private static int? PageSize(string? limit) =>
        limit is null ? MaxListed
        : limit.All(char.IsAsciiDigit) && int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxListed ? size
        : null;

    /// <summary>The next page's path and query: the same sink and limit, after the last delivery listed.</summary>
    private static string NextPage(string? sink, string? limit, DeliveryCursor last)
    {
        var query = new StringBuilder($"{ListPath}?status=dead");
        if (sink is not null)
        {
            query.Append("&sink=").Append(Uri.EscapeDataString(sink));
        }

        if (limit is not null)
        {
            query.Append("&limit=").Append(limit);
        }

        return query.Append("&after=").Append(last.Encode()).ToString();
    }

    /// <summary>
    /// Up to <paramref name="size"/> dead letters after <paramref name="after"/>, in the list's order
    /// (dead-lettered time, decision, sink: the order the cursor follows), and the last one's cursor
    /// when more follow it.
    /// </summary>
    private static (List<DeadDelivery> Page, DeliveryCursor? Last) ReadDead(SqliteConnection connection, string? sink, DeliveryCursor? after, int size)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT d.decision_id, x.ticket_id, d.sink, x.kind, x.owner, d.attempts, d.last_error, x.at, d.next_attempt_at
            FROM deliveries d JOIN decisions x ON x.decision_id = d.decision_id
            WHERE d.status = 'dead'{(sink is null ? "" : " AND d.sink = $sink")}{(after is null ? "" : " AND (d.next_attempt_at, d.decision_id, d.sink) > ($at, $decision, $after_sink)")}
            ORDER BY d.next_attempt_at, d.decision_id, d.sink
            LIMIT $size
            """;
        if (sink is not null)
        {
            command.Parameters.AddWithValue("$sink", sink);
        }

        if (after is not null)
        {
            command.Parameters.AddWithValue("$at", after.DeadAtUnixMs);
            command.Parameters.AddWithValue("$decision", after.Decision);
            command.Parameters.AddWithValue("$after_sink", after.Sink);
        }

        // One more than the page: whether it is there tells whether a next page is.
        command.Parameters.AddWithValue("$size", size + 1);
        using var reader = command.ExecuteReader();
        var page = new List<DeadDelivery>();
        DeliveryCursor? last = null;
        while (reader.Read())
        {
            if (page.Count == size)
            {
                return (page, last);
            }

            last = new DeliveryCursor(reader.GetInt64(8), reader.GetString(0), reader.GetString(2));
            page.Add(new DeadDelivery(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), Time(reader.GetInt64(7)), Time(reader.GetInt64(8))));
        }

        return (page, null);
    }

    private static string Time(long unixMs) => TicketEventJson.FormatTime(Instant.FromUnixTimeMilliseconds(unixMs));
}
