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

    /// <summary>Marks the entries of <paramref name="path"/> as encrypted (bit 0 of each header's flags), as a password-protected archive has them.</summary>
    public static void MarkEncrypted(string path)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i + 10 < bytes.Length; i++)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 3 && bytes[i + 3] == 4)
            {
                bytes[i + 6] |= 1; // local file header
            }
            else if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2)
            {
                bytes[i + 8] |= 1; // central directory header
            }
        }

        File.WriteAllBytes(path, bytes);
    }
}
