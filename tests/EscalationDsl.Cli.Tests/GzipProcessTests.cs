using System.IO.Compression;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// A gzip file cut short is refused by the real esc, not replayed as a shorter history: .NET reports
/// a cut compressed stream only under a runtime switch, which esc's own runtimeconfig.json must set
/// (Directory.Build.props sets it for the test host too, so only esc itself shows that it does).
/// </summary>
public sealed class GzipProcessTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("esc-gzip-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task EscSimRefusesAGzipFileCutShort()
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(Path.Combine(RepoPaths.SharedData, "incident_event_log_first1000incidents.csv")));
        }

        var whole = buffer.ToArray();
        var cut = Path.Combine(folder, "log.csv.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);

        var (code, error) = await EscProcess.Run(
            EscProcess.Esc("sim", "policies/support.esc", "--import", "servicenow", "--tickets", cut, "--quiet", "--output", Path.Combine(folder, "report.txt")),
            TimeSpan.FromSeconds(60));

        code.ShouldBe(2, error);
        error.ShouldMatch($@"^esc: {System.Text.RegularExpressions.Regex.Escape(cut)}: the gzip file is damaged or cut short: it does not decompress after [0-9,]+ bytes; download or export it again\n$");
        File.Exists(Path.Combine(folder, "report.txt")).ShouldBeFalse("no report of part of the history");
    }
}
