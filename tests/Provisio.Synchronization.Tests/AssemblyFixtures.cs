using Provisio.Testing;

// One PostgreSQL server for the run of this test assembly, started by the first test that asks for it.
[assembly: AssemblyFixture(typeof(PostgresServer))]
