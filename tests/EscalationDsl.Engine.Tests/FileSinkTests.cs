using System.Text;
using EscalationDsl.Engine.Delivery;
using EscalationDsl.Tests;

namespace EscalationDsl.Engine.Tests;

/// <summary>The file sink appends one JSON line per decision; a line torn by a crash stays alone on its line.</summary>
public sealed class FileSinkTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("esc-filesink-").FullName;

    [Fact]
    public async Task ALineTornByACrashIsEndedBeforeTheNextDecisionSoTheNextStaysWhole()
    {
        var path = Path.Combine(folder, "decisions.jsonl");
        await File.WriteAllTextAsync(path, "{\"id\":\"A/1\"}\n{\"id\":\"B/1\",\"tick");
        var sink = new FileSink("audit", path);

        await sink.SendAsync("B/1", Encoding.UTF8.GetBytes("{\"id\":\"B/1\",\"ticket\":\"B\"}"), CancellationToken.None);
        await sink.SendAsync("C/1", Encoding.UTF8.GetBytes("{\"id\":\"C/1\"}"), CancellationToken.None);

        (await File.ReadAllTextAsync(path)).ShouldBe("{\"id\":\"A/1\"}\n{\"id\":\"B/1\",\"tick\n{\"id\":\"B/1\",\"ticket\":\"B\"}\n{\"id\":\"C/1\"}\n");
    }

    [Fact]
    public async Task ANewFileGetsOneLinePerDecision()
    {
        var path = Path.Combine(folder, "new", "decisions.jsonl");
        var sink = new FileSink("audit", path);

        await sink.SendAsync("A/1", Encoding.UTF8.GetBytes("{\"id\":\"A/1\"}"), CancellationToken.None);

        (await File.ReadAllTextAsync(path)).ShouldBe("{\"id\":\"A/1\"}\n");
    }

    [Fact]
    public async Task ANamedPipeGetsTheDecisionAsALine()
    {
        // A file sink may point at a pipe read by another process (a log shipper): it cannot seek.
        var path = Path.Combine(folder, "pipe");
        await NamedPipes.CreateAsync(path);
        var reader = Task.Run(() => File.ReadAllText(path));
        var sink = new FileSink("audit", path);

        // Until the reader has the pipe open the delivery fails (and the dispatcher would try it again).
        await EngineFixture.Eventually(async () =>
        {
            try
            {
                await sink.SendAsync("A/1", Encoding.UTF8.GetBytes("{\"id\":\"A/1\"}"), CancellationToken.None);
                return true;
            }
            catch (DeliveryException e) when (e.Message.EndsWith(FileSink.NoReader, StringComparison.Ordinal))
            {
                return false;
            }
        }, "the reader opened the pipe");

        (await reader.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe("{\"id\":\"A/1\"}\n");
    }

    [Fact]
    public async Task ANamedPipeNobodyReadsFailsTheDeliveryAtOnce()
    {
        // The append waited for a reader for ever, holding the dispatcher (and every other sink) up.
        var path = Path.Combine(folder, "pipe");
        await NamedPipes.CreateAsync(path);
        var sink = new FileSink("audit", path);
        try
        {
            var send = Task.Run(() => sink.SendAsync("A/1", Encoding.UTF8.GetBytes("{\"id\":\"A/1\"}"), CancellationToken.None));

            var failure = await Should.ThrowAsync<DeliveryException>(send.WaitAsync(TimeSpan.FromSeconds(30)));
            failure.Message.ShouldBe($"{path}: {FileSink.NoReader}");
        }
        finally
        {
            await NamedPipes.ReleaseAsync(path);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
