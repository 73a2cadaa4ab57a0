namespace EscalationDsl.Engine;

/// <summary>
/// Engine settings, bound from the <c>Engine</c> section of configuration (appsettings.json,
/// <c>ESC_Engine__...</c> environment variables, <c>--Engine:...</c> command-line switches).
/// Every setting is documented in docs/engine.md.
/// </summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Engine";

    /// <summary>Where the HTTP API listens.</summary>
    public string Listen { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The SQLite database file.</summary>
    public string Database { get; set; } = "escalation.db";

    /// <summary>SQLite synchronous mode: FULL (fsync every commit) or NORMAL (WAL: durable across process crashes, not power loss).</summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>The folder of .esc policies, watched for changes.</summary>
    public string Policies { get; set; } = "policies";

    /// <summary>The policy for created events that name none; optional when exactly one policy is loaded.</summary>
    public string? DefaultPolicy { get; set; }

    /// <summary>API key hashes that may write: <c>sha256:HEX</c> (see <c>esc hash-key</c>).</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>When no key is configured, a key is generated into this file (readable by the owner only).</summary>
    public string ApiKeyFile { get; set; } = "escalation.key";

    /// <summary>Whether reads (GET) need an API key too.</summary>
    public bool RequireKeyForReads { get; set; }

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most events one batch request may carry.</summary>
    public int MaxBatchEvents { get; set; } = 10_000;

    /// <summary>Events stamped further than this in the future are refused.</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A <c>created</c> event stamped further than this in the past is refused: every deadline since
    /// then would fire at once (raise it to take over tickets opened longer ago).
    /// </summary>
    public TimeSpan PastTolerance { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A change in the policy folder is reloaded once the folder has stayed unchanged this long: an
    /// editor or a deployment may write a file in several steps (real time, not the engine's clock).
    /// </summary>
    public TimeSpan ReloadQuietPeriod { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Readiness fails when the scheduler is later than this behind a due deadline.</summary>
    public TimeSpan ReadyLagThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where decisions are delivered.</summary>
    public List<SinkOptions> Sinks { get; set; } = [];

    /// <summary>Retry behaviour for deliveries.</summary>
    public DeliveryOptions Delivery { get; set; } = new();
}

/// <summary>One delivery target.</summary>
public sealed class SinkOptions
{
    /// <summary>A unique name, used in the outbox and metrics.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>webhook</c> or <c>file</c>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Webhook: the URL to POST to.</summary>
    public string? Url { get; set; }

    /// <summary>Webhook: the HMAC-SHA256 signing secret.</summary>
    public string? Secret { get; set; }

    /// <summary>File: the JSON Lines file to append to.</summary>
    public string? Path { get; set; }

    /// <summary>Owners whose decisions go here; <c>*</c> or empty (the default) for all.</summary>
    /// <remarks>Empty rather than <c>["*"]</c> by default: the configuration binder adds configured items to a list's defaults.</remarks>
    public List<string> Owners { get; set; } = [];

    /// <summary>Decision kinds that go here (page, notify, escalate, ...); empty for all.</summary>
    public List<string> Kinds { get; set; } = [];
}

/// <summary>Retries and timeouts for deliveries.</summary>
public sealed class DeliveryOptions
{
    /// <summary>How long one webhook call may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry delay; each further retry doubles it.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
