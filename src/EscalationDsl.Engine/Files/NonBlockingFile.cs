using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EscalationDsl.Engine.Files;

/// <summary>
/// Opens a file without waiting. On Unix, opening a named pipe (FIFO) to read waits until some
/// process opens it to write, which may be never (and to write, until one opens it to read); .NET
/// opens files that way and has no public way to tell a pipe from a regular file before opening it
/// (its attributes and <c>UnixFileMode</c> say nothing of the file type), so the open itself asks
/// not to wait (<c>O_NONBLOCK</c>, which changes nothing for a regular file). What it opened is then told by whether it can seek.
/// </summary>
internal static partial class NonBlockingFile
{
    private const int ReadOnly = 0;

    /// <summary>O_WRONLY, the same on Linux, macOS and the BSDs.</summary>
    private const int WriteOnly = 1;

    /// <summary>errno for opening a socket file on Linux (ENXIO), and a device without a driver.</summary>
    private const int NoSuchDevice = 6;

    /// <summary>EOPNOTSUPP, which macOS and FreeBSD give for opening a socket file; none on Linux, which gives ENXIO.</summary>
    private static int NotSupportedOnSocket => OperatingSystem.IsFreeBSD() ? 45 : IsBsd ? 102 : NoSuchDevice;

    /// <summary>
    /// A handle to read <paramref name="path"/> from; it is not seekable when the file is a pipe or a
    /// terminal. On Windows, where a folder holds no pipes, the usual open.
    /// </summary>
    /// <exception cref="IOException">Also for a socket file, with <paramref name="notRegular"/> as the message.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static SafeFileHandle Open(string path, string notRegular)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        int fd;
        try
        {
            fd = OpenFile(path, ReadOnly | NonBlockFlag | CloseOnExecFlag);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library the runtime does not find under "libc": the usual open, without the guard
            // against waiting on a pipe.
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }

        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        if (Marshal.GetLastPInvokeError() is var error && (error == NoSuchDevice || error == NotSupportedOnSocket))
        {
            throw new IOException(notRegular);
        }

        // Missing, not allowed, a folder: the usual open fails the same way and says so in .NET's words.
        return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    /// <summary>
    /// A stream to read <paramref name="path"/> from, which must be a regular file: a named pipe, a socket or a
    /// terminal is refused without waiting for a writer.
    /// </summary>
    /// <exception cref="IOException">With <paramref name="notRegular"/> as the message for a file that is not regular.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static FileStream OpenRegular(string path, string notRegular)
    {
        var stream = new FileStream(Open(path, notRegular), FileAccess.Read, bufferSize: 1);
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw new IOException(notRegular);
        }

        return stream;
    }

    /// <summary>
    /// A stream to read a file a setting names (the API key file): a regular file (or a device that seeks)
    /// as <paramref name="usual"/> opens it; a pipe as it is written, such as <c>&lt;(pass show esc)</c>
    /// makes, for as long as a process holds it open to write; and a named pipe no process writes to (or a
    /// socket file) refused with <paramref name="noWriter"/> as the message, where the usual open would wait
    /// for a writer, maybe for ever. On Windows, where a folder holds no pipes, the usual open.
    /// </summary>
    /// <exception cref="IOException">Also with <paramref name="noWriter"/> as the message, at the open or the first read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static Stream OpenNamed(string path, string noWriter, Func<FileStream> usual)
    {
        if (OperatingSystem.IsWindows())
        {
            return usual();
        }

        var stream = new FileStream(Open(path, noWriter), FileAccess.Read, bufferSize: 1);
        if (stream.CanSeek)
        {
            stream.Dispose();
            return usual();
        }

        return new WrittenPipe(stream, noWriter);
    }

    /// <summary>
    /// Opens an existing file to write and closes it, unchanged, to find out whether the engine may
    /// write it. Without waiting: a named pipe nobody reads yet (or a socket file) is taken as
    /// writable, and left to its first write. On Windows, where a folder holds no pipes, the usual open.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened to write; its HResult is the errno on Unix.</exception>
    /// <exception cref="UnauthorizedAccessException">On Windows, the file may not be written.</exception>
    public static void OpenToWrite(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite).Dispose();
            return;
        }

        using var handle = OpenToWriteWithoutWaiting(path, out var error);
        if (handle is null && error != 0 && error != NoSuchDevice && error != NotSupportedOnSocket)
        {
            throw new IOException($"{Marshal.GetPInvokeErrorMessage(error)}: '{path}'", error);
        }
    }

    /// <summary>
    /// A stream appending to <paramref name="path"/> (made when missing), opened as
    /// <c>FileMode.Append</c> opens it but never waiting for a reader: a named pipe that no process
    /// reads (or a socket file) is refused with <paramref name="noReader"/> as the message, where the
    /// usual open would wait for a reader, maybe for ever. A pipe with a reader is held open to write
    /// while the stream opens, so the reader sees no end between the two.
    /// </summary>
    /// <exception cref="IOException">Also with <paramref name="noReader"/> as the message.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static FileStream OpenToAppend(string path, string noReader)
    {
        using var held = OperatingSystem.IsWindows() || !File.Exists(path) ? null : OpenToWriteWithoutWaiting(path, out var error) ?? RefusedIfNoReader(error, noReader);
        return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>
    /// A handle to write <paramref name="path"/>, opened without waiting, or null with the errno
    /// (0 when the C library is not found under "libc", so the caller does as it would without the guard).
    /// </summary>
    private static SafeFileHandle? OpenToWriteWithoutWaiting(string path, out int error)
    {
        int fd;
        try
        {
            fd = OpenFile(path, WriteOnly | NonBlockFlag | CloseOnExecFlag);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            error = 0;
            return null;
        }

        error = fd >= 0 ? 0 : Marshal.GetLastPInvokeError();
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
    }

    /// <summary>Throws for a pipe without a reader or a socket file; null otherwise, for the usual open to fail in .NET's words.</summary>
    private static SafeFileHandle? RefusedIfNoReader(int error, string noReader) =>
        error == NoSuchDevice || error == NotSupportedOnSocket ? throw new IOException(noReader) : null;

    /// <summary>O_NONBLOCK: one value on Linux, another on the BSDs and macOS.</summary>
    private static int NonBlockFlag => IsBsd ? 0x4 : 0x800;

    /// <summary>O_CLOEXEC, so a process started meanwhile does not inherit the handle.</summary>
    private static int CloseOnExecFlag => OperatingSystem.IsFreeBSD() ? 0x100000 : IsBsd ? 0x1000000 : 0x80000;

    private static bool IsBsd => OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);
}
