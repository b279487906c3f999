// A SCIM server we did not write: SCIMMY + scimmy-routers on express, in-memory store.
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import {randomUUID} from "node:crypto";

const port = Number(process.argv[2] ?? 3999), token = process.argv[3] ?? "secret";
const stores = {User: new Map(), Group: new Map()};

for (const type of ["User", "Group"]) {
  const store = stores[type];
  const Resource = type === "User" ? SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false) : SCIMMY.Resources.Group;
  SCIMMY.Resources.declare(Resource)
    .ingress((resource, instance) => {
      const id = resource.id ?? randomUUID();
      if (type === "User" && !resource.id) {
        for (const u of store.values()) if (u.userName.toLowerCase() === instance.userName.toLowerCase())
          throw new SCIMMY.Types.Error(409, "uniqueness", "userName already exists");
      }
      const now = new Date();
      const existing = store.get(id);
      const record = {...instance, id, meta: {created: existing?.meta?.created ?? now, lastModified: now}};
      store.set(id, record);
      return record;
    })
    .egress((resource) => {
      if (resource.id) {
        const found = store.get(resource.id);
        if (!found) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        return found;
      }
      const all = [...store.values()];
      return resource.filter ? resource.filter.match(all) : all;
    })
    .degress((resource) => {
      if (!store.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    });
}

const app = express();
app.use("/scim", new SCIMMYRouters({
  type: "bearer",
  handler: (request) => {
    if (request.header("Authorization") !== `Bearer ${token}`) throw new Error("Authorization failed");
    return "validator";
  }
}));
app.listen(port, "127.0.0.1", () => console.log(`scimmy listening on http://127.0.0.1:${port}/scim`));
