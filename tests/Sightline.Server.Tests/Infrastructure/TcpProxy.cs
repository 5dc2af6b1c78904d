using System.Net;
using System.Net.Sockets;

namespace Sightline.Server.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of an engine, so a test can make the engine unreachable and bring it back on the same
/// address: <see cref="RefuseAsync"/> stops listening and cuts every open connection (new ones are refused),
/// <see cref="Resume"/> listens again on the same port.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public TcpProxy(Uri target)
    {
        _targetHost = target.Host;
        _targetPort = target.Port;
        Port = SightlineProcess.FreePort();
        Resume();
    }

    public int Port { get; }

    /// <summary>How many connections the proxy accepted while listening.</summary>
    public int Accepted { get; private set; }

    public void Resume()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    public async Task RefuseAsync()
    {
        _listener?.Stop();
        _listener = null;
        lock (_lock)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }

        await _accepting;
    }

    public async ValueTask DisposeAsync() => await RefuseAsync();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            Accepted++;
            _ = RelayAsync(inbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        lock (_lock)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(_targetHost, _targetPort);
            var up = inbound.GetStream().CopyToAsync(outbound.GetStream());
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // A cut connection: the client sees it closed, as it would with an engine going away.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }

            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
