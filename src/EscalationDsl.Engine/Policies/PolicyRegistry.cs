using System.Collections.Immutable;
using System.Security.Cryptography;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Policies;

/// <summary>
/// The policies the engine runs. Loads every *.esc file of the policy folder; a file that fails the
/// gate is refused and the version already running (if any) keeps running. Each version is kept by
/// fingerprint, because open tickets stay pinned to the version they started under. Changes happen
/// on the engine loop's thread; readers see immutable snapshots.
/// </summary>
internal sealed partial class PolicyRegistry(string folder, IPolicyGate gate, ILogger logger, TimeProvider time)
{
    private ImmutableDictionary<string, PolicyVersion> versions = ImmutableDictionary<string, PolicyVersion>.Empty;
    private ImmutableDictionary<string, PolicyVersion> current = ImmutableDictionary<string, PolicyVersion>.Empty;
    private ImmutableDictionary<string, PolicyStatus> files = ImmutableDictionary<string, PolicyStatus>.Empty;

    // What the last reload read: each file's SHA-256, empty for a file it could not read.
    private ImmutableDictionary<string, byte[]> read = ImmutableDictionary<string, byte[]>.Empty;

    // The file each running version was last read from, by policy name. Not the version's own Path,
    // which is where it was first loaded: a file moved or renamed with the same text holds it now.
    private ImmutableDictionary<string, string> holders = ImmutableDictionary<string, string>.Empty;

    // What each policy name last ran, by name: known from the database at start (Remember), kept since.
    // Between files that declare one name it decides which one runs.
    private ImmutableDictionary<string, LastRun> lastRan = ImmutableDictionary<string, LastRun>.Empty;

    // A version the database stores, by fingerprint: what a refused file's name last ran comes from there.
    private Func<string, PolicyVersion?> stored = _ => null;

    // The highest version number the database stores for a policy name, if any: a version loaded below it is a step back.
    private Func<string, int?> highestStored = _ => null;

    // Stored versions that no longer bind: bound and logged once, not once per pinned ticket.
    private ImmutableHashSet<string> unbindable = ImmutableHashSet<string>.Empty;

    /// <summary>The policy folder (absolute).</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The running version of each policy, by name.</summary>
    public ImmutableDictionary<string, PolicyVersion> Current => current;

    /// <summary>
    /// <c>'NAME' is not loaded (loaded: ...)</c>, with the loaded name it is near (<c>suport</c>,
    /// <c>Support</c>) when there is one: <c>; did you mean 'support'?</c>. When a refused file declares
    /// the name, why instead: <c>'facilities' is not loaded: its file facilities.esc is refused (FIRST ERROR)</c>.
    /// </summary>
    public string NotLoaded(string name)
    {
        if (RefusedFileOf(name) is { } file)
        {
            return $"'{name}' is not loaded: its file {file.Path} is refused ({file.Errors[0]})";
        }

        var loaded = current.Keys.Order().ToList();
        var meant = NameSuggester.Closest(name, loaded, max: 1);
        return $"'{name}' is not loaded (loaded: {string.Join(", ", loaded)}){(meant.Count > 0 ? $"; did you mean '{meant[0]}'?" : "")}";
    }

    /// <summary>
    /// <see cref="NotLoaded"/> as a sentence, as the API answers it: <c>Policy 'billing' is not loaded (loaded:
    /// support).</c>, <c>Policy 'suport' is not loaded (loaded: support); did you mean 'support'?</c>; for a
    /// refused file, its first error and where every error shows: <c>Policy 'facilities' is not loaded: its file
    /// facilities.esc is refused. FIRST ERROR GET /readyz lists every error of each refused file.</c>
    /// </summary>
    public string PolicyNotLoaded(string name)
    {
        if (RefusedFileOf(name) is { } file)
        {
            var first = file.Errors[0];
            return $"Policy '{name}' is not loaded: its file {file.Path} is refused. {first}{(first.EndsWith('.') ? "" : ".")} GET /readyz lists every error of each refused file.";
        }

        var notLoaded = NotLoaded(name);
        return $"Policy {notLoaded}{(notLoaded.EndsWith('?') ? "" : ".")}";
    }

    /// <summary>
    /// The refused file that declares <paramref name="name"/> (the first by path) when no version of it runs, or null:
    /// why a created event for it is refused.
    /// </summary>
    private PolicyStatus? RefusedFileOf(string name) =>
        current.ContainsKey(name) ? null
        : files.Values.Where(f => f.Status == "refused" && f.Name == name && f.Errors.Count > 0).OrderBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Every file and its status.</summary>
    public ImmutableDictionary<string, PolicyStatus> Files => files;

    /// <summary>
    /// Raised when a policy file's text is refused (for metrics): not again when a reload finds the file
    /// as it was refused, with the same errors.
    /// </summary>
    public event Action<string>? Refused;

    /// <summary>How many policy files are refused now.</summary>
    public int RefusedFiles => files.Values.Count(f => f.Status == "refused");

    public PolicyVersion? Find(string fingerprint) => versions.GetValueOrDefault(fingerprint);

    /// <summary>The file each running version is read from, by policy name.</summary>
    public ImmutableDictionary<string, string> Holders => holders;

    /// <summary>
    /// Tells a registry that has read nothing yet what each policy name last ran, as the database records
    /// it, so that the first <see cref="Reload"/> runs that text from that file again when several files
    /// declare one name, or keeps it running when its file is refused; <paramref name="stored"/> gives a
    /// stored version by fingerprint (<see cref="Restore"/>), or null; <paramref name="highestStored"/> the
    /// highest version number stored for a policy name, or null.
    /// </summary>
    public void Remember(IReadOnlyDictionary<string, LastRun> ran, Func<string, PolicyVersion?> stored, Func<string, int?> highestStored)
    {
        lastRan = ran.ToImmutableDictionary(StringComparer.Ordinal);
        this.stored = stored;
        this.highestStored = highestStored;
    }

    /// <summary>Adds a version known from the database (a ticket is pinned to it) without making it current.</summary>
    public PolicyVersion? Restore(string fingerprint, string source, string path)
    {
        if (versions.TryGetValue(fingerprint, out var known))
        {
            return known;
        }

        if (unbindable.Contains(fingerprint))
        {
            return null;
        }

        var model = SemanticModel.Create(new SourceText(path, source));
        if (model.HasErrors)
        {
            unbindable = unbindable.Add(fingerprint);
            logger.LogError("Stored policy version {Fingerprint} ({Path}) no longer binds; its tickets cannot run", fingerprint, path);
            return null;
        }

        var version = new PolicyVersion(CompiledPolicy.Compile(model), source, path);
        versions = versions.SetItem(fingerprint, version);
        return version;
    }

    /// <summary>
    /// Reads the folder. Returns the versions that became current (new or changed), so the caller can
    /// record them in the database. <paramref name="cancellation"/> stops it between two files, with an
    /// <see cref="OperationCanceledException"/> and the registry half read: only the engine's start,
    /// which is then given up whole, passes one.
    /// </summary>
    public IReadOnlyList<PolicyVersion> Reload(CancellationToken cancellation = default)
    {
        var changed = new List<PolicyVersion>();
        if (!Directory.Exists(Folder))
        {
            // Checked at start (EngineSettings); gone since, it changes nothing that runs.
            logger.LogError("The policy folder {Folder} no longer exists; the running policies keep running", Folder);
            return changed;
        }

        IReadOnlyList<string> found;
        try
        {
            found = PolicyFiles.Below(Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not knowing which files are there, none is taken for deleted.
            logger.LogError("The policy folder {Folder} cannot be read ({Reason}); the running policies keep running", Folder, e.Message);
            return changed;
        }

        var present = found.Select(Relative).ToHashSet(StringComparer.Ordinal);
        var hashes = ImmutableDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        var waiting = new List<Candidate>();
        var refused = new List<Candidate>();
        foreach (var file in found)
        {
            cancellation.ThrowIfCancellationRequested();
            var candidate = Read(file, hashes);
            if (candidate.Compiled is null)
            {
                refused.Add(candidate); // once every file is placed: its name may run from another one
            }
            else if (Waits(candidate, present))
            {
                waiting.Add(candidate);
            }
            else
            {
                Load(candidate, changed);
            }
        }

        // The files that waited: the best of a name loads if no file holds it after all (at start, or its
        // holder now names another policy), and the others are refused, naming the file that holds it.
        foreach (var named in waiting.GroupBy(c => c.Compiled!.Name, StringComparer.Ordinal))
        {
            if (!IsHeld(named.Key, present))
            {
                Load(Best(named.ToList()), changed);
            }
        }

        foreach (var candidate in waiting.Where(c => holders.GetValueOrDefault(c.Compiled!.Name) != c.Path))
        {
            var name = candidate.Compiled!.Name;
            if (IsHeld(name, present))
            {
                Refuse(candidate, name, [$"{candidate.Path}: policy '{name}' is already loaded from {holders[name]}; policy names must be unique"]);
            }
            else
            {
                // Its holder was loaded above under another name, after this name's files were placed.
                Load(candidate, changed);
            }
        }

        // A deleted file stops taking new tickets; its open tickets keep their pinned version.
        foreach (var gone in files.Keys.Where(k => !present.Contains(k)).ToList())
        {
            var status = files[gone];
            if (status.Name is { } name && holders.GetValueOrDefault(name) == gone)
            {
                current = current.Remove(name);
                holders = holders.Remove(name);
                logger.LogWarning("Policy file {Path} was removed; policy {Name} takes no new tickets", gone, name);
            }

            files = files.Remove(gone);
        }

        // The file a name last ran from is refused first, so it keeps that name's version: a broken copy that sorts
        // first took it, and then held the name against the original once that was fixed (a review's F2).
        foreach (var candidate in refused.OrderBy(c => c.Name is { } n && lastRan.GetValueOrDefault(n)?.Path == c.Path ? 0 : 1))
        {
            Refuse(candidate, changed);
        }

        // The lint settings in the folder are compared at the watcher's start too (ChangedSinceRead).
        foreach (var settings in LintSettingsBelow())
        {
            hashes[Relative(settings)] = Hash(settings);
        }

        read = hashes.ToImmutable();
        return changed;
    }

    /// <summary>
    /// Whether the folder now holds other policy or lint settings files, or other bytes in them, than the last
    /// <see cref="Reload"/> read. The watcher asks when it starts watching: a change made between the
    /// engine's start and then raises no file-system event. A folder that cannot be listed is not
    /// taken for changed (a reload would change nothing either).
    /// </summary>
    public bool ChangedSinceRead()
    {
        var last = read;
        IReadOnlyList<string> found;
        try
        {
            found = Directory.Exists(Folder) ? [.. PolicyFiles.Below(Folder), .. PolicyFiles.LintSettingsBelow(Folder)] : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return found.Count != last.Count
            || found.Any(file => !last.TryGetValue(Relative(file), out var hash) || !Hash(file).AsSpan().SequenceEqual(hash));
    }

    /// <summary>The lint settings files below the folder; none when it cannot be read (its policies were read a moment ago).</summary>
    private IReadOnlyList<string> LintSettingsBelow()
    {
        try
        {
            return PolicyFiles.LintSettingsBelow(Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static byte[] Hash(string file)
    {
        try
        {
            return SHA256.HashData(PolicyFiles.Read(file, named: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Makes a file's policy run: a new version, the running text back after a refusal, or the running text under a new file name.</summary>
    private void Load(Candidate candidate, List<PolicyVersion> changed)
    {
        var relative = candidate.Path;
        var compiled = candidate.Compiled!;
        if (current.TryGetValue(compiled.Name, out var running) && running.Fingerprint == compiled.Fingerprint)
        {
            if (holders[compiled.Name] == relative)
            {
                // Back to the running text after a refused edit: say so, as the refusal was said.
                if (files[relative].Status == "refused")
                {
                    logger.LogInformation("Policy file {Path} is accepted again; version {Version} ({Fingerprint}) keeps running", relative, running.Version, running.Fingerprint);
                }

                files = files.SetItem(relative, files[relative] with { Status = "active", Errors = [], Warnings = candidate.Warnings });
                return;
            }

            // The running text under another file name: the file was moved, and this one holds it now.
            var moved = files.GetValueOrDefault(holders[compiled.Name]);
            holders = holders.SetItem(compiled.Name, relative);
            lastRan = lastRan.SetItem(compiled.Name, new LastRun(running.Fingerprint, relative));
            files = files.SetItem(relative, new PolicyStatus(relative, running.Name, running.Version, running.Fingerprint, "active", [], candidate.Warnings, moved?.LoadedAt ?? Now()));
            logger.LogInformation("Policy {Name} version {Version} ({Fingerprint}) loaded from {Path}", running.Name, running.Version, running.Fingerprint, relative);
            return;
        }

        // A file that now declares another name no longer holds the policy it ran: as if deleted.
        if (files.GetValueOrDefault(relative)?.Name is { } before && before != compiled.Name
            && holders.GetValueOrDefault(before) == relative)
        {
            current = current.Remove(before);
            holders = holders.Remove(before);
            logger.LogWarning("Policy file {Path} now declares policy {Name}; policy {Before} takes no new tickets", relative, compiled.Name, before);
        }

        var version = versions.TryGetValue(compiled.Fingerprint, out var existing) ? existing : new PolicyVersion(compiled, candidate.Text, relative);
        var stepBack = lastRan.GetValueOrDefault(version.Name)?.Fingerprint != version.Fingerprint && highestStored(version.Name) is { } highest && highest > version.Version
            ? highest : (int?)null;
        versions = versions.SetItem(version.Fingerprint, version);
        current = current.SetItem(version.Name, version);
        holders = holders.SetItem(version.Name, relative);
        lastRan = lastRan.SetItem(version.Name, new LastRun(version.Fingerprint, relative));
        files = files.SetItem(relative, new PolicyStatus(relative, version.Name, version.Version, version.Fingerprint, "active", [], candidate.Warnings, Now()));
        changed.Add(version);
        logger.LogInformation("Policy {Name} version {Version} ({Fingerprint}) loaded from {Path}", version.Name, version.Version, version.Fingerprint, relative);
        LogWarnings(candidate);

        // A revert (version 2 back to 1) is allowed, but not what a lower number usually means: said, once, as
        // the version starts to run (a restart that runs it again, as it ran before, says nothing).
        if (stepBack is { } above)
        {
            logger.LogWarning("Policy {Name} version {Version} loaded after version {Above}: the version number went down; tickets pinned to version {Above} keep it",
                version.Name, version.Version, above, above);
        }
    }

    /// <summary>
    /// The lint warnings of a version that starts to run, in one line: how many, and the first few
    /// (a user trial's F7: they were neither logged nor shown).
    /// </summary>
    private void LogWarnings(Candidate candidate)
    {
        const int Shown = 5;
        if (candidate.Warnings.Count == 0)
        {
            return;
        }

        var more = candidate.Warnings.Count > Shown ? $"\n... and {candidate.Warnings.Count - Shown} more: esc lint lists them all" : "";
        var count = candidate.Warnings.Count == 1 ? "1 lint warning" : $"{candidate.Warnings.Count} lint warnings";
        logger.LogWarning("Policy file {Path} runs with {Count}:\n{Warnings}{More}", candidate.Path, count, string.Join("\n", candidate.Warnings.Take(Shown)), more);
    }

    private string Now() => TicketEventJson.FormatTime(NodaTime.Instant.FromDateTimeOffset(time.GetUtcNow()));

    private string Relative(string file) => Path.GetRelativePath(Folder, file).Replace('\\', '/');
}
