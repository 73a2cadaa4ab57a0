using EscalationDsl.Runtime;

namespace EscalationDsl.Engine.Policies;

/// <summary>One version of a policy the engine can run: its source and its compiled form.</summary>
internal sealed class PolicyVersion(CompiledPolicy compiled, string source, string path)
{
    public CompiledPolicy Compiled { get; } = compiled;

    public string Source { get; } = source;

    public string Path { get; } = path;

    public string Name => Compiled.Name;

    public int Version => Compiled.Version;

    public string Fingerprint => Compiled.Fingerprint;

    /// <summary>The runtime of this version; used only on the engine loop's thread.</summary>
    public TicketRuntime Runtime { get; } = new(compiled);
}
