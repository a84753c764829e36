using System.Collections.Concurrent;

namespace SmpRender.IO;

/// <summary>
/// Writes a file atomically: the content goes to a temporary file in the target folder, is flushed
/// to disk (fsync), then renamed over the target, and the folder is fsynced. Readers see the old file or the whole new one, never half;
/// a failed write leaves the old file (or no file) and no temporary behind, and so does a process ended while it writes
/// when it calls <see cref="RemoveUnfinished"/> on its way out.
/// </summary>
public static class AtomicFile
{
    /// <summary>The temporary files of the writes in progress.</summary>
    private static readonly ConcurrentDictionary<string, byte> s_unfinished = new(StringComparer.Ordinal);

    /// <summary>
    /// Deletes the temporary files of the writes in progress, for a process being ended (an interrupt, a termination
    /// request) while it writes: no half-written file is left beside the outputs. Those writes then fail.
    /// </summary>
    public static void RemoveUnfinished()
    {
        foreach (string temp in s_unfinished.Keys)
        {
            TryDelete(temp);
        }
    }

    /// <summary>Writes <paramref name="path"/> with the content <paramref name="write"/> produces.</summary>
    /// <param name="path">The output file; its folder is created when missing.</param>
    /// <param name="write">Writes the content; an exception from it aborts the write and is rethrown.</param>
    /// <param name="protectedInputs">Paths that must not be overwritten (the inputs of the job).</param>
    /// <exception cref="OutputException">The output would overwrite an input, or an I/O error occurred.</exception>
    public static void Write(string path, Action<Stream> write, IEnumerable<string>? protectedInputs = null)
    {
        using Pending file = Prepare(path, write, protectedInputs);
        file.Commit();
    }

    /// <summary>
    /// Writes the content of <paramref name="path"/> to its temporary file, flushed to disk, and leaves the rename to
    /// <see cref="Pending.Commit"/>: a command writing several files prepares them all before it commits any, so that
    /// a failure leaves none of them. Disposed uncommitted, the temporary file is deleted.
    /// </summary>
    /// <inheritdoc cref="Write" path="/param"/>
    /// <exception cref="OutputException">The output would overwrite an input, or an I/O error occurred.</exception>
    public static Pending Prepare(string path, Action<Stream> write, IEnumerable<string>? protectedInputs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        if (protectedInputs is not null)
        {
            string target = Canonical(full);
            foreach (string input in protectedInputs)
            {
                if (string.Equals(Canonical(Path.GetFullPath(input)), target, StringComparison.Ordinal))
                {
                    throw new OutputException(path, $"refusing to overwrite the input {input}");
                }
            }
        }
        if (Directory.Exists(full))
        {
            throw new OutputException(path, "a directory of that name exists");
        }
        string folder = Path.GetDirectoryName(full) ?? throw new OutputException(path, "no parent folder");
        for (string? above = folder; above is not null; above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                throw new OutputException(path, $"{above} is a file, not a folder");
            }
        }
        var pending = new Pending(path, full, folder, Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp"));
        try
        {
            Directory.CreateDirectory(folder);
            using (var stream = new FileStream(pending.Temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            return pending;
        }
        catch (Exception ex)
        {
            pending.Dispose();
            if (pending.Failure(ex) is { } failure)
            {
                throw failure;
            }
            throw;
        }
    }

    /// <summary>A file written to its temporary name, waiting for <see cref="Commit"/> (see <see cref="Prepare"/>).</summary>
    public sealed class Pending : IDisposable
    {
        private readonly string _path;
        private readonly string _full;
        private readonly string _folder;
        private bool _done;

        internal Pending(string path, string full, string folder, string temp)
        {
            _path = path;
            _full = full;
            _folder = folder;
            Temp = temp;
            s_unfinished[temp] = 0;
        }

        internal string Temp { get; }

        /// <summary>Renames the temporary file over the target and makes the rename durable.</summary>
        /// <exception cref="OutputException">The rename failed; the temporary file is gone.</exception>
        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_done, this);
            try
            {
                File.Move(Temp, _full, overwrite: true);
                _done = true;
                s_unfinished.TryRemove(Temp, out _);
                // Make the rename itself durable, so a crash cannot bring the old file back.
                Native.Posix.TryFsyncDirectory(_folder);
            }
            catch (Exception ex)
            {
                Dispose();
                if (Failure(ex) is { } failure)
                {
                    throw failure;
                }
                throw;
            }
        }

        /// <summary>Deletes the temporary file unless it was committed.</summary>
        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                TryDelete(Temp);
                s_unfinished.TryRemove(Temp, out _);
            }
        }

        /// <summary>An I/O failure as an error naming the output (the system's message names the temporary file); null for others.</summary>
        internal OutputException? Failure(Exception ex)
        {
            if (ex is not (IOException or UnauthorizedAccessException) || ex is OutputException)
            {
                return null;
            }
            // The system's message names the temporary file ("No space left on device : '/out/.a.jpg.1f….tmp'"): the
            // error already names the output, and the temporary file is gone.
            string reason = ex is UnauthorizedAccessException ? "permission denied"
                : PhotoCodec.OneLine(ex.Message.Replace($" : '{Temp}'", "", StringComparison.Ordinal));
            return new OutputException(_path, reason, ex);
        }
    }

    /// <summary>Writes bytes atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, IEnumerable<string>? protectedInputs = null)
    {
        byte[] copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy), protectedInputs);
    }

    /// <summary>Writes text (UTF-8, no byte order mark) atomically.</summary>
    public static void WriteAllText(string path, string text, IEnumerable<string>? protectedInputs = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        }, protectedInputs);
    }

    /// <summary>The path with symbolic links resolved, so a link to the input counts as the input.</summary>
    private static string Canonical(string fullPath)
    {
        try
        {
            FileSystemInfo? target = File.Exists(fullPath) ? File.ResolveLinkTarget(fullPath, returnFinalTarget: true) : null;
            string resolved = target?.FullName ?? fullPath;
            string? folder = Path.GetDirectoryName(resolved);
            if (folder is not null && Directory.Exists(folder))
            {
                FileSystemInfo? folderTarget = Directory.ResolveLinkTarget(folder, returnFinalTarget: true);
                if (folderTarget is not null)
                {
                    resolved = Path.Combine(folderTarget.FullName, Path.GetFileName(resolved));
                }
            }
            return resolved;
        }
        catch (IOException)
        {
            return fullPath;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
