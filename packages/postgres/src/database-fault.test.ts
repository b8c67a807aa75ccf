import pg from "pg";
import { describe, expect, it } from "vitest";
import { classifyDatabaseError } from "./database-fault";

function serverError(code: string, message = "the server said no"): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, "error");
  error.code = code;
  return error;
}

function socketError(code: string, message = `connect ${code} 127.0.0.1:5432`): Error {
  return Object.assign(new Error(message), { code });
}

describe("classifyDatabaseError", () => {
  it.each([
    ["22021", 'invalid byte sequence for encoding "UTF8": 0x00'],
    ["22P02", "invalid input syntax for type bigint"],
    ["23514", 'new row for relation "click_counts" violates check constraint "no_poison"'],
    ["23505", "duplicate key value violates unique constraint"],
    ["54000", "index row requires 9000 bytes, maximum size is 8191"],
  ])("says PostgreSQL refused the data on SQLSTATE %s, quoting the code and the message", (code, message) => {
    expect(classifyDatabaseError(serverError(code, message))).toEqual({
      kind: "refused",
      reason: `SQLSTATE ${code}: ${message}`,
    });
  });

  it.each([
    "57P01", // admin shutdown: a restart or a failover
    "57P02",
    "57P03", // the database system is starting up
    "53300", // too many connections
    "08006",
    "08001",
  ])("says PostgreSQL is unreachable on SQLSTATE %s", (code) => {
    expect(classifyDatabaseError(serverError(code)).kind).toBe("unreachable");
  });

  it.each([
    socketError("ECONNREFUSED"),
    socketError("ECONNRESET", "read ECONNRESET"),
    socketError("EPIPE", "write EPIPE"),
    new Error("Connection terminated unexpectedly"),
    new Error("timeout exceeded when trying to connect"),
    new Error("Client has encountered a connection error and is not queryable"),
  ])("says PostgreSQL is unreachable on a socket or pg connection error: %s", (error) => {
    expect(classifyDatabaseError(error)).toEqual({ kind: "unreachable", reason: error.message });
  });

  it.each([
    "40001", // serialization failure
    "40P01", // deadlock
    "55P03", // lock not available
    "42P01", // undefined table: a deploy problem, not a record's
    "XX000",
  ])("retries, without blaming the records, on SQLSTATE %s", (code) => {
    expect(classifyDatabaseError(serverError(code)).kind).toBe("failed");
  });

  it("says a statement that ran past statement_timeout was too slow (SQLSTATE 57014)", () => {
    expect(classifyDatabaseError(serverError("57014"))).toMatchObject({ kind: "too-slow" });
  });

  it("retries on anything it does not recognise, and keeps its message", () => {
    expect(classifyDatabaseError(new TypeError("boom"))).toEqual({ kind: "failed", reason: "boom" });
    expect(classifyDatabaseError("odd")).toEqual({ kind: "failed", reason: "odd" });
  });
});
