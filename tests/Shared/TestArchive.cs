using System.IO.Compression;

namespace EscalationDsl.Tests;

/// <summary>.zip files written by tests, whole or damaged as a bad download or disk would leave them.</summary>
internal static class TestArchive
{
    /// <summary>Writes <paramref name="path"/> as an archive of one entry holding <paramref name="content"/> (UTF-8, no byte order mark).</summary>
    public static void Write(string path, string entry, string content, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        using var writer = new StreamWriter(archive.CreateEntry(entry, level).Open());
        writer.Write(content);
    }

    /// <summary>Changes <paramref name="count"/> bytes from the middle of the file, inside the entry's data of any archive of some size.</summary>
    public static void Damage(string path, int count)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + count; i++)
        {
            bytes[i] ^= 0x5A;
        }

        File.WriteAllBytes(path, bytes);
    }
}
