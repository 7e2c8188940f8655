using System.Net;
using System.Net.Sockets;

namespace KazNer.DevBroker;

/// <summary>
/// Gives the mock broker a fixed port: the mock only listens on an ephemeral one, so connections to the
/// chosen port are piped to it (and the broker advertises the chosen port).
/// </summary>
public sealed class TcpForwarder(int port, DnsEndPoint target) : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, port);
    private readonly CancellationTokenSource stopping = new();
    private Task? accepting;

    public void Start()
    {
        listener.Start();
        accepting = AcceptAsync(stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        if (accepting is not null)
        {
            await accepting.ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = PipeAsync(client, cancellationToken);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(target.Host, target.Port, cancellationToken).ConfigureAwait(false);
                var down = client.GetStream();
                var up = upstream.GetStream();
                await Task.WhenAny(down.CopyToAsync(up, cancellationToken), up.CopyToAsync(down, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A closed connection on either side ends the pipe; clients reconnect on their own.
            }
        }
    }
}
