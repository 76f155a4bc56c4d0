using System.Net.Sockets;

namespace Paperwire.Digests;

/// <summary>
/// The SMTP connection's byte stream, underneath MailKit (and underneath TLS when it is on). It passes everything
/// through, and records a delivery at the one safe moment: <see cref="RecordAfterTerminator"/> is called when a
/// digest's body has been written; what MailKit writes after that — the rest of the body and the terminator — is
/// held in the kernel (TCP_CORK), and when MailKit next reads (for the answer to the terminator) the record is
/// written to the database first and the held bytes are let go right after (docs/digests.md, "Exactly once").
/// A sender killed at any point in between still gets the held bytes sent (closing a socket sends what it holds),
/// so a crash can repeat a digest but never lose one, and the repeat needs the kill to fall in the few
/// microseconds of CPU between two writes with no other process woken in between.
/// </summary>
public sealed class SmtpWireStream(Socket socket) : Stream
{
    // Linux's TCP_CORK (tcp(7)); elsewhere the bytes are not held and the window is the time between the two writes.
    private const int TcpCork = 3;

    private readonly NetworkStream inner = new(socket, ownsSocket: true);
    private Func<CancellationToken, Task>? record;

    /// <summary>Holds what is written from now on, and runs <paramref name="action"/> before the next read; an exception from it surfaces from that read.</summary>
    public void RecordAfterTerminator(Func<CancellationToken, Task> action)
    {
        record = action;
        Hold(true);
    }

    /// <summary>Forgets a record that never ran (the message failed before its answer) and lets held bytes go.</summary>
    public void Disarm()
    {
        if (record is not null)
        {
            record = null;
            Hold(false);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await RecordAsync(cancellationToken);
        return await inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        RecordAsync(CancellationToken.None).GetAwaiter().GetResult();
        return inner.Read(buffer, offset, count);
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override bool CanTimeout => inner.CanTimeout;

    public override int ReadTimeout { get => inner.ReadTimeout; set => inner.ReadTimeout = value; }

    public override int WriteTimeout { get => inner.WriteTimeout; set => inner.WriteTimeout = value; }

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task RecordAsync(CancellationToken cancellationToken)
    {
        var action = record;
        if (action is null)
        {
            return;
        }

        record = null;
        Task written;
        try
        {
            // Runs synchronously up to its first wait: the database has the record's bytes (SQLite: has committed it) when this returns.
            written = action(cancellationToken);
        }
        finally
        {
            Hold(false);
        }

        // The server and the database now work in parallel; the answer is read once the record is confirmed.
        await written;
    }

    private void Hold(bool on)
    {
        if (OperatingSystem.IsLinux() && socket.Connected)
        {
            socket.SetRawSocketOption((int)SocketOptionLevel.Tcp, TcpCork, BitConverter.GetBytes(on ? 1 : 0));
        }
    }
}
