namespace EscalationDsl.Simulation.Tests;

/// <summary>A file written for one test and deleted after it.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension, string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
