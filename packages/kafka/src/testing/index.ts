// For tests beyond this package (tests/deploy): certificates and keys made for tests only, never trusted
// anywhere else.
export { caA, caB, clientCert, clientKey, otherKey } from "./pem-fixtures";
