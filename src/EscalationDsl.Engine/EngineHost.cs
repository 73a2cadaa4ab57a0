using System.Net.Sockets;
using System.Text.Json;
using EscalationDsl.Engine.Api;
using EscalationDsl.Engine.Delivery;
using EscalationDsl.Engine.Files;
using EscalationDsl.Engine.Observability;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Engine.Scheduling;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Language.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EscalationDsl.Engine;

/// <summary>
/// Builds the engine as a Generic Host web application: configuration, the SQLite store, the engine
/// loop, scheduler, dispatcher, policy watcher, HTTP API and metrics. `esc serve` and the tests
/// both start it through here.
/// </summary>
public static class EngineHost
{
    /// <summary>The OpenTelemetry service name on every metric.</summary>
    public const string ServiceName = "escalationdsl-engine";

    /// <summary>Builds the application. Throws <see cref="EngineConfigurationException"/> for bad configuration.</summary>
    /// <param name="args">Command-line arguments (<c>--Engine:Database=...</c> and friends).</param>
    /// <param name="time">The clock; tests pass a fake one.</param>
    /// <param name="gate">Decides which policy files may run (the CLI passes the linter).</param>
    /// <param name="configure">Extra configuration, applied last (tests).</param>
    public static WebApplication Build(string[] args, TimeProvider? time = null, IPolicyGate? gate = null, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args, configure);

        var options = EngineSettings.Read(builder.Configuration);

        // The key file comes before the database: one that exists is read and checked, a missing one
        // is made (so a folder it cannot be made in stops the start before a database exists). A start
        // that fails later removes the key file and the database files it made, and the lock file of
        // the database; one that fails as it starts listening does so in StartAsync.
        var keyFile = options.ApiKeys.Count == 0 ? Path.GetFullPath(options.ApiKeyFile) : null;
        EngineDatabase? database = null;
        MadeKeyFile? madeKeyFile = null;
        try
        {
            if (keyFile is not null)
            {
                madeKeyFile = ApiKeyFile.ReadOrCreate(options);
            }

            database = OpenDatabase(options);

            var app = Compose(builder, options, database, keyFile, madeKeyFile, time, gate);

            // Resolved once so the container owns them: disposing the host releases the lock file,
            // and the key file a start that never listened made.
            app.Services.GetRequiredService<EngineDatabase>();
            app.Services.GetService<MadeKeyFile>();
            return app;
        }
        catch (Exception e)
        {
            database?.Abandon();
            madeKeyFile?.Remove();

            if (e is EngineConfigurationException problem)
            {
                // A database or key file set in a settings file is named with that file, as the settings' own problems are.
                throw EngineSettings.Located(builder.Configuration, problem);
            }

            throw;
        }
    }

    /// <summary>
    /// Everything after the database is open and locked: logging, services, middleware, endpoints.
    /// <paramref name="keyFile"/> is the file the key came from when none are configured (logged as a
    /// warning once the engine listens); <paramref name="madeKeyFile"/> is that file when this start made it.
    /// </summary>
    private static WebApplication Compose(WebApplicationBuilder builder, EngineOptions options, EngineDatabase database, string? keyFile, MadeKeyFile? madeKeyFile, TimeProvider? time, IPolicyGate? gate)
    {
        builder.Logging.ClearProviders();
        // The console logger as ASP.NET Core configures it from Logging:Console: FormatterName (json,
        // simple or systemd, checked by LoggingSettings) and the formatter's FormatterOptions. What they
        // leave unset is the engine's own output: simple, one line an entry. The name is set here, last,
        // since the slim builder's console has set "simple" over the configured one.
        builder.Logging.AddConsole();
        var consoleSettings = builder.Configuration.GetSection("Logging:Console");
        var formatter = consoleSettings["FormatterName"] is { Length: > 0 } configured ? configured : ConsoleFormatterNames.Simple;
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = formatter);
        if (consoleSettings["FormatterOptions:SingleLine"] is null)
        {
            builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        }

        // Wrapped so the host's own log of a start-up failure that esc serve reports in one line
        // (an address in use) prints no stack trace; see StartupFailureLogFilter.
        var console = builder.Services.Single(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        builder.Services.Remove(console);
        builder.Services.AddSingleton<ILoggerProvider>(sp => new StartupFailureLogFilter(
            new ConsoleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), sp.GetServices<ConsoleFormatter>()), ReportedByCaller));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.WebHost.UseUrls(options.Listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBytes);

        var clock = time ?? TimeProvider.System;
        var keys = new ApiKeys(options.ApiKeys);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(clock);
        services.AddSingleton(_ => database); // made by a factory (resolved in Build), so the host disposes it and its lock
        if (madeKeyFile is not null)
        {
            services.AddSingleton(_ => madeKeyFile); // likewise
        }

        services.AddSingleton(keys);
        services.AddMetrics();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton(gate ?? new ErrorsOnlyGate());
        services.AddSingleton(sp => new PolicyRegistry(options.Policies, sp.GetRequiredService<IPolicyGate>(), sp.GetRequiredService<ILogger<PolicyRegistry>>(), clock));
        services.AddSingleton(sp =>
        {
            var metrics = sp.GetRequiredService<EngineMetrics>();
            var registry = sp.GetRequiredService<PolicyRegistry>();
            registry.Refused += _ => metrics.PolicyRefusals.Add(1);
            metrics.RefusedFiles = () => registry.RefusedFiles;
            return new EngineLoop(database, registry, options, metrics, clock, sp.GetRequiredService<ILogger<EngineLoop>>());
        });
        // Webhook calls time out after Engine:Delivery:Timeout (WebhookSink), not the client's own 100 s.
        // Redirects are not followed: the client would follow most with a GET, whose 2xx would
        // acknowledge a decision the receiver never got (and would carry the signature elsewhere).
        // Connections are reused only back to back, and not to receivers that close them (WebhookHandler).
        services.AddHttpClient("sinks", client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new WebhookHandler());
        services.AddSingleton<IEnumerable<IDecisionSink>>(sp => CreateSinks(options, sp.GetRequiredService<IHttpClientFactory>(), clock));
        services.AddSingleton<DeadlineScheduler>();

        // Order matters: recovery (EngineService.StartAsync) finishes before anything else starts.
        services.AddHostedService<EngineService>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineScheduler>());
        services.AddHostedService<Dispatcher>();
        services.AddHostedService<PolicyWatcher>();

        services.AddProblemDetails();
        services.AddExceptionHandler<EngineErrorHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = EngineJson.Options.PropertyNamingPolicy;
            o.SerializerOptions.DefaultIgnoreCondition = EngineJson.Options.DefaultIgnoreCondition;
            o.SerializerOptions.Encoder = EngineJson.Options.Encoder;
            // The web default also reads numbers from strings; the OpenAPI document describes these
            // options, and typed every integer "integer or string" though the engine writes numbers.
            o.SerializerOptions.NumberHandling = EngineJson.Options.NumberHandling;
            foreach (var converter in EngineJson.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        services.AddOpenApi(o =>
        {
            OpenApiSecurity.Configure(o, options.RequireKeyForReads);
            OpenApiContract.Configure(o, options);
        });
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m => m
                .AddMeter(EngineMetrics.MeterName)
                .AddPrometheusExporter());

        var app = builder.Build();
        if (keyFile is not null)
        {
            // Once the engine listens: a start that fails says only why, and removes a key file it made.
            // Under the key file's category: the host's own logger is named after the program (esc, or a test host).
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiKeyFile).FullName!);
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                madeKeyFile?.Keep();
                if (ApiKeyFile.OpenToOthers(keyFile) is { } mode)
                {
                    log.LogWarning("The API key file {File} may be read by others than its owner (mode {Mode}), and whoever reads it can write to the engine: make it readable by its owner only (chmod 600)", keyFile, mode);
                }

                log.LogWarning("No API key is configured (Engine:ApiKeys): writes need the key stored in {File}", keyFile);
            });
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages(context => Problems.ForStatus(context.HttpContext).ExecuteAsync(context.HttpContext));
        KeyCheck.Use(app, keys, options.RequireKeyForReads);

        EventEndpoints.Map(app, options);
        TicketEndpoints.Map(app);
        PolicyEndpoints.Map(app);
        DeliveryEndpoints.Map(app);
        HealthEndpoints.Map(app, options);
        // MapOpenApi maps GET only; monitors probe the document with HEAD, as they do the reads.
        app.MapOpenApi("/openapi/v1.json").WithMetadata(new HttpMethodMetadata(Reads.Methods)).AllowAnonymous();
        // The exporter maps every method; the scrape is a GET (and no HEAD, as documented).
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get])).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The builder with the engine's configuration sources. Configuration files are read here: the
    /// slim builder reads appsettings.json, then appsettings.ENVIRONMENT.json, which wins (appsettings.json
    /// is not added again, which made it win); one that is not valid JSON stops the engine like a bad setting.
    /// </summary>
    private static WebApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? configure) =>
        ReadingSettingsFiles(SettingsFiles(Directory.GetCurrentDirectory()), () =>
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
            builder.Configuration.AddEnvironmentVariables(EngineSettings.EnvironmentPrefix);
            builder.Configuration.AddCommandLine(args);
            configure?.Invoke(builder.Configuration);
            return builder;
        });

    /// <summary>
    /// The database <c>esc serve</c> started in <paramref name="folder"/> without <c>--db</c> would use:
    /// <c>Engine:Database</c> from the settings files there and the <c>ESC_</c> environment (later
    /// winning, as the engine reads them), or the default <c>escalation.db</c>; its path as written,
    /// relative to <paramref name="folder"/>, and where it came from (a settings file, the environment
    /// variable), or null for the default.
    /// </summary>
    /// <exception cref="EngineConfigurationException">A settings file cannot be read or is not valid JSON, or a setting is misspelt or malformed (<see cref="EngineSettings.CheckDatabase"/>).</exception>
    public static (string Database, string? From) ConfiguredDatabase(string folder)
    {
        var files = SettingsFiles(folder);
        var configuration = ReadingSettingsFiles(files, () => new ConfigurationBuilder()
            .AddJsonFile(files[0], optional: true, reloadOnChange: false)
            .AddJsonFile(files[1], optional: true, reloadOnChange: false)
            .AddEnvironmentVariables() // as the host reads them: Engine__Database too, below ESC_Engine__Database
            .AddEnvironmentVariables(EngineSettings.EnvironmentPrefix)
            .Build());
        // ESC_Engin__Database or ESC_Engine__Databse would leave the database unnamed, a list or group would name none.
        EngineSettings.CheckDatabase(configuration);

        const string setting = $"{EngineOptions.Section}:{nameof(EngineOptions.Database)}";
        if (configuration[setting] is not { } database)
        {
            return (new EngineOptions().Database, null);
        }

        return (database, EngineSettings.Source(configuration, setting));
    }

    /// <summary>
    /// Reads configuration that includes the settings <paramref name="files"/>: one that is not valid
    /// JSON stops the engine like a bad setting, naming the file and the position.
    /// </summary>
    private static T ReadingSettingsFiles<T>(string[] files, Func<T> read)
    {
        foreach (var file in files)
        {
            RefuseUnreadableSettingsFile(file);
        }

        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            // The configuration provider wraps the parser's reason (its message names the file); report
            // it as every other file error: path:line:column when the parser says where.
            var file = files.FirstOrDefault(f => e.Message.Contains(f, StringComparison.Ordinal)) ?? files[0];
            throw new EngineConfigurationException(e.GetBaseException() switch
            {
                JsonException json when File.Exists(file) => $"{file}:{Position(json, file)}: not valid JSON: {JsonErrorPosition.Reason(json)}",
                FormatException when File.Exists(file) && GivenTwice(file) is { } twice => twice,
                var other => $"{file}: {other.Message.TrimEnd('.')}",
            });
        }
    }

    /// <summary>
    /// The settings files the host reads from the working directory: appsettings.json, then
    /// appsettings.ENVIRONMENT.json for the environment the host runs in (ASPNETCORE_ENVIRONMENT or
    /// DOTNET_ENVIRONMENT; Production when neither is set).
    /// </summary>
    internal static string[] SettingsFiles(string folder)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } aspnet ? aspnet
            : Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
            : "Production";
        return [Path.Combine(folder, "appsettings.json"), Path.Combine(folder, $"appsettings.{environment}.json")];
    }

    /// <summary>
    /// The configuration framework reads appsettings.json whole and, being a named pipe, waits for a
    /// writer that may never come: a file found in the working directory is first read as a policy found
    /// in a folder is, so a pipe, a socket or a terminal is refused at once and a file past 16 MB (a link
    /// to /dev/zero ran the engine out of memory) too, with one line naming the file.
    /// </summary>
    private static void RefuseUnreadableSettingsFile(string file)
    {
        if (Directory.Exists(file))
        {
            // Skipped as if absent, its settings would be missed unseen.
            throw new EngineConfigurationException($"{file}: is a folder; a settings file is a JSON file");
        }

        if (!File.Exists(file))
        {
            return;
        }

        try
        {
            BoundedFile.Read(file, "a settings file", named: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineConfigurationException($"{file}: cannot read the file: {e.Message}");
        }
    }

    /// <summary>
    /// Where a settings file gives a name twice in one object, which the configuration refuses as "A
    /// duplicate key 'Engine:Database' was found" without saying where: path:line:column and the name,
    /// compared ignoring case as configuration keys are. Null when the two keys are not one object's
    /// members (<c>"Engine:Database"</c> beside <c>"Engine": { "Database" }</c>): the framework's words stay.
    /// </summary>
    private static string? GivenTwice(string file)
    {
        var json = File.ReadAllText(file);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        return JsonErrorPosition.FirstDuplicateName(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }, StringComparer.OrdinalIgnoreCase) is { } twice
            ? $"{file}:{JsonErrorPosition.AtByte(file, json, utf8, (int)twice.Offset)}: {JsonErrorPosition.GivenTwice(twice.Name)}"
            : null;
    }

    private static string Position(JsonException e, string file)
    {
        var at = JsonErrorPosition.Of(e, file, File.ReadAllText(file));
        return $"{at.Line}:{at.Column}";
    }

    /// <summary>
    /// Starts the application. An address that cannot be listened on (in use, not this machine's)
    /// becomes an <see cref="EngineConfigurationException"/> naming Engine:Listen, like every other
    /// setting the engine cannot use. A start that fails, for that or any reason, stops and disposes
    /// the application and leaves nothing it made: the database files and lock file it created and
    /// the key file it made are removed (a database or key file that was there before is left as it
    /// is), as when <see cref="Build"/> fails. Disposing the application afterwards does nothing more.
    /// </summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var listen = app.Services.GetRequiredService<EngineOptions>().Listen;
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await AbandonAsync(app).ConfigureAwait(false);
            if (BindFailure(e, listen) is { } reason)
            {
                throw EngineConfigurationException.For("Engine:Listen", reason);
            }

            throw;
        }
    }

    /// <summary>
    /// Undoes a start that failed once the host was built: the services that started are stopped,
    /// the key file this start made is removed while it is still held (so never one another start
    /// uses), and disposing the host closes every connection before the database removes the files it made.
    /// </summary>
    private static async Task AbandonAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            app.Services.GetRequiredService<EngineDatabase>().AbandonWhenDisposed();
            app.Services.GetService<MadeKeyFile>()?.Remove();
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Start-up failures <see cref="Build"/> and <see cref="StartAsync"/> report as an EngineConfigurationException,
    /// and a start cancelled (Ctrl+C while starting), which the caller reports as cancelled.
    /// </summary>
    private static bool ReportedByCaller(Exception? e) =>
        e is EngineConfigurationException or OperationCanceledException || BindFailure(e, string.Empty) is not null;

    /// <summary>Kestrel reports an address in use as an IOException around AddressInUseException, other bind errors as a SocketException.</summary>
    private static string? BindFailure(Exception? e, string listen) => e switch
    {
        IOException { InnerException: AddressInUseException } => $"{e.Message.TrimEnd('.')}; another process listens there (choose another port, or port 0 for a free one)",
        SocketException socket => $"cannot listen on {listen}: {socket.Message}",
        _ => null,
    };

    private static IEnumerable<IDecisionSink> CreateSinks(EngineOptions options, IHttpClientFactory http, TimeProvider time) =>
        options.Sinks.Select<SinkOptions, IDecisionSink>(s => s.Type switch
        {
            "webhook" => new WebhookSink(s.Name, new Uri(s.Url!), s.Secret!, http.CreateClient("sinks"), options.Delivery.Timeout, time),
            _ => new FileSink(s.Name, Path.GetFullPath(s.Path!)),
        }).ToList();

    /// <summary>
    /// Opens the database and brings its schema up to date before anything else starts. A start that
    /// fails here leaves no lock file it made (<see cref="EngineDatabase.Abandon"/>).
    /// </summary>
    private static EngineDatabase OpenDatabase(EngineOptions options)
    {
        var database = new EngineDatabase(options.Database, options.Synchronous);
        try
        {
            database.Lock();
            database.Migrate();
            return database;
        }
        catch (SqliteException e)
        {
            database.Abandon();
            throw EngineConfigurationException.For("Engine:Database", $"cannot use {database.Path}: {e.Message.TrimEnd('.')}");
        }
        catch
        {
            database.Abandon();
            throw;
        }
    }
}
