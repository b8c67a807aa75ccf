// socket.io-client 2 ships no types; this covers what the tests use of the original dashboard's client.
declare module "socket.io-client-v2" {
  interface SocketV2 {
    id: string;
    connected: boolean;
    on(event: string, listener: (...args: unknown[]) => void): SocketV2;
    close(): SocketV2;
  }
  interface ConnectOptionsV2 {
    forceNew?: boolean;
    reconnection?: boolean;
    transports?: string[];
    extraHeaders?: Record<string, string>;
  }
  function io(url: string, options?: ConnectOptionsV2): SocketV2;
  export default io;
}
