/**
 * A tiny pure interpreter of plan steps over a LiveState: what the account would look like
 * after the steps ran. States are async as in AWS: a create is PENDING, a terminate or a migrate's
 * source TERMINATING (still holding its bundle), a copied image and a new bundle PENDING, a registration
 * REGISTERING, a deregistration DEREGISTERING — and the transition is done
 * only when a step waits for it (`before`/`after` on that id) or when the run ends. A step that
 * needs a state nobody waited for is refused, so the fast properties catch missing waits. It enforces the API rules the planner must
 * respect — a step the real API would refuse throws here — so "apply the plan to the model,
 * plan again, nothing left" proves both the order and the convergence of a plan.
 * A DeleteConnectionAlias leaves the alias DELETING (still listed) even past the run's end unless a step waits for it gone.
 * Covers ipGroup, directory, image, bundle, connection-alias and workspace operations (the property tests'
 * universe). Bundle ids outside the model (`wsb-` without `own`/`m` prefix) count as Amazon's.
 */
import type { Tags } from '../../src/model/desired.js';
import type { BundleProperties } from '../../src/kinds/bundle/properties.js';
import type { DirectoryProperties } from '../../src/kinds/directory/properties.js';
import type { ImageProperties } from '../../src/kinds/image/properties.js';
import type { IpGroupProperties, IpRule } from '../../src/kinds/ip-group/properties.js';
import type { WorkspaceDesiredProperties } from '../../src/kinds/workspace/properties.js';
import type { ConnectionAliasProperties } from '../../src/kinds/connection-alias/properties.js';
import { bundleKey, connectionAliasKey, directoryKey, imageKey, ipGroupKey, workspaceKey } from '../../src/model/keys.js';
import type { LiveResource, LiveState } from '../../src/model/live.js';
import type { Plan } from '../../src/model/plan.js';
import { isIdRef, type PlanStep } from '../../src/model/plan-step.js';

export class ModelRefusal extends Error {}

type Mutable = LiveResource & { properties: any; tags?: Tags; state?: string; id?: string };

class LiveModel {
  private readonly byId = new Map<string, Mutable>();
  private readonly ids = new Map<string, string>();
  /** Async states: a transition started by a call, done only when a step waits for it (or at the end). */
  private readonly pending = new Map<string, () => void>();
  /** Transitions slower than an apply (DELETING aliases stay listed ~1 min): done only by a wait, not when the run ends. */
  private readonly slow = new Set<string>();
  private counter = 0;

  constructor(resources: readonly LiveResource[]) {
    for (const resource of resources) {
      const copy = structuredClone(resource) as Mutable;
      this.byId.set(copy.id!, copy);
      this.ids.set(copy.key, copy.id!);
    }
  }

  resources(): LiveResource[] {
    return [...this.byId.values()];
  }

  /** A wait of the executor: the transition of `id`, if one is under way, is done now. */
  settle(id: string | undefined): void {
    if (id === undefined) return;
    const done = this.pending.get(id);
    this.pending.delete(id);
    this.slow.delete(id);
    done?.();
  }

  /** Time passes: every transition under way is done (before the next plan reads). */
  settleAll(): void {
    for (const id of [...this.pending.keys()]) if (!this.slow.has(id)) this.settle(id);
  }

  /** The id a step's waits poll, as the executor finds it. */
  waitTarget(step: PlanStep): string | undefined {
    if (typeof step.target === 'string') return step.target;
    if (step.target !== undefined) return this.ids.get(step.target.$idOf);
    return this.ids.get(step.produces ?? step.key);
  }

  private newId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(8, '0')}`;
  }

  private resolve<T>(value: T): T {
    if (isIdRef(value)) {
      const id = this.ids.get(value.$idOf);
      if (id === undefined) throw new ModelRefusal(`no id yet for ${value.$idOf}`);
      return id as T;
    }
    if (Array.isArray(value)) return value.map((entry) => this.resolve(entry)) as T;
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, this.resolve(entry)])) as T;
    return value;
  }

  private get(id: string, kind: string): Mutable {
    const resource = this.byId.get(id);
    if (resource === undefined || resource.kind !== kind) throw new ModelRefusal(`${kind} ${id} not found`);
    return resource;
  }

  private add(resource: Mutable): void {
    this.byId.set(resource.id!, resource);
    this.ids.set(resource.key, resource.id!);
  }

  private remove(id: string): void {
    const resource = this.byId.get(id);
    if (resource === undefined) return;
    this.byId.delete(id);
    if (this.ids.get(resource.key) === id) this.ids.delete(resource.key);
  }

  run(step: PlanStep): void {
    const input = this.resolve(step.input) as Record<string, any>;
    const handler = (this as unknown as Record<string, (input: Record<string, any>, step: PlanStep) => void>)[`op${step.operation}`];
    if (handler === undefined) throw new ModelRefusal(`the model does not know ${step.operation}`);
    handler.call(this, input, step);
  }

  // ----- workspaces
  opCreateWorkspaces(input: Record<string, any>): void {
    for (const request of input.Workspaces) {
      const directory = this.byId.get(request.DirectoryId);
      if (directory?.state !== 'REGISTERED') throw new ModelRefusal(`ResourceNotFound.Directory ${request.DirectoryId}`);
      const key = workspaceKey(request.DirectoryId, request.UserName, request.WorkspaceName);
      if (this.ids.has(key)) throw new ModelRefusal(`ResourceExists.WorkSpace ${key}`);
      this.requireBundle(request.BundleId);
      const properties: WorkspaceDesiredProperties = {
        directoryId: request.DirectoryId,
        userName: request.UserName,
        ...(request.WorkspaceName ? { workspaceName: request.WorkspaceName } : {}),
        bundle: { id: request.BundleId },
        workspaceProperties: { ...request.WorkspaceProperties },
        userVolumeEncryptionEnabled: request.UserVolumeEncryptionEnabled ?? false,
        rootVolumeEncryptionEnabled: request.RootVolumeEncryptionEnabled ?? false,
        ...(request.VolumeEncryptionKey ? { volumeEncryptionKey: request.VolumeEncryptionKey } : {}),
        runningState: 'running',
      };
      const id = this.newId('ws-m');
      this.add({ kind: 'workspace', key, id, state: 'PENDING', properties, tags: tagsOf(request.Tags) });
      this.pending.set(id, () => this.setState(id, 'AVAILABLE'));
    }
  }

  private setState(id: string, state: 'AVAILABLE' | 'STOPPED'): void {
    const desktop = this.get(id, 'workspace');
    desktop.state = state;
    desktop.properties = { ...desktop.properties, runningState: state === 'STOPPED' ? 'stopped' : 'running' };
  }

  private requireMode(id: string, operation: string): Mutable {
    const desktop = this.get(id, 'workspace');
    if (desktop.properties.workspaceProperties.RunningMode === 'ALWAYS_ON') throw new ModelRefusal(`${operation} refused: ${id} is ALWAYS_ON`);
    return desktop;
  }

  opStopWorkspaces(input: Record<string, any>): void {
    for (const { WorkspaceId } of input.StopWorkspaceRequests) {
      const desktop = this.requireMode(WorkspaceId, 'StopWorkspaces');
      if (!['AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'ERROR'].includes(desktop.state!)) throw new ModelRefusal(`cannot stop in ${desktop.state}`);
      this.setState(WorkspaceId, 'STOPPED');
    }
  }

  opStartWorkspaces(input: Record<string, any>): void {
    for (const { WorkspaceId } of input.StartWorkspaceRequests) {
      const desktop = this.requireMode(WorkspaceId, 'StartWorkspaces');
      if (desktop.state !== 'STOPPED') throw new ModelRefusal(`cannot start in ${desktop.state}`);
      this.setState(WorkspaceId, 'AVAILABLE');
    }
  }

  opTerminateWorkspaces(input: Record<string, any>): void {
    for (const { WorkspaceId } of input.TerminateWorkspaceRequests) {
      const desktop = this.get(WorkspaceId, 'workspace');
      if (desktop.state === 'SUSPENDED') throw new ModelRefusal('cannot terminate SUSPENDED');
      desktop.state = 'TERMINATING';
      this.pending.set(WorkspaceId, () => this.remove(WorkspaceId));
    }
  }

  opRebuildWorkspaces(input: Record<string, any>): void {
    if (input.RebuildWorkspaceRequests.length !== 1) throw new ModelRefusal('RebuildWorkspaces takes one');
  }

  opModifyWorkspaceProperties(input: Record<string, any>): void {
    const desktop = this.get(input.WorkspaceId, 'workspace');
    if (!['AVAILABLE', 'STOPPED'].includes(desktop.state!)) throw new ModelRefusal(`cannot modify in ${desktop.state}`);
    const members = Object.keys(input.WorkspaceProperties);
    if (members.length !== 1) throw new ModelRefusal(`one change kind per call, got ${members.join(', ')}`);
    for (const member of ['RootVolumeSizeGib', 'UserVolumeSizeGib']) {
      const now = desktop.properties.workspaceProperties[member];
      if (member in input.WorkspaceProperties && now !== undefined && input.WorkspaceProperties[member] < now) throw new ModelRefusal('volumes only grow');
    }
    desktop.properties = { ...desktop.properties, workspaceProperties: { ...desktop.properties.workspaceProperties, ...input.WorkspaceProperties } };
  }

  opMigrateWorkspace(input: Record<string, any>, step: PlanStep): void {
    const source = this.get(input.SourceWorkspaceId, 'workspace');
    if (!['AVAILABLE', 'STOPPED', 'ERROR'].includes(source.state!)) throw new ModelRefusal(`cannot migrate in ${source.state}`);
    if (source.properties.bundle.id === input.BundleId) throw new ModelRefusal('migrate needs another bundle');
    this.requireBundle(input.BundleId);
    const sourceId = source.id!;
    source.state = 'TERMINATING';
    this.pending.set(sourceId, () => this.remove(sourceId));
    const targetId = this.newId('ws-m');
    this.pending.set(targetId, () => this.setState(targetId, 'AVAILABLE'));
    this.add({
      ...source,
      id: targetId,
      key: step.key,
      state: 'PENDING',
      properties: {
        ...source.properties,
        bundle: { id: input.BundleId },
        workspaceProperties: this.propertiesOnBundle(source.properties.workspaceProperties, input.BundleId),
        runningState: 'running',
      },
    });
  }

  /** A migrated desktop takes its bundle's compute type and the larger of each volume (own bundles; Amazon's are not modelled). */
  private propertiesOnBundle(properties: Record<string, any>, bundleId: string): Record<string, any> {
    const bundle = this.byId.get(bundleId);
    if (bundle?.kind !== 'bundle') return properties;
    const { computeType, rootVolumeGib, userVolumeGib } = bundle.properties as BundleProperties;
    return {
      ...properties,
      ComputeTypeName: computeType,
      ...(rootVolumeGib === undefined ? {} : { RootVolumeSizeGib: Math.max(properties.RootVolumeSizeGib ?? 0, rootVolumeGib) }),
      UserVolumeSizeGib: Math.max(properties.UserVolumeSizeGib ?? 0, userVolumeGib),
    };
  }

  /** A bundle of this account must exist; Amazon's public ones are not modelled. */
  private requireBundle(bundleId: string): void {
    const own = /^wsb-(own|m)/.test(bundleId);
    if (own && this.byId.get(bundleId)?.kind !== 'bundle') throw new ModelRefusal(`ResourceNotFound bundle ${bundleId}`);
    if (own && this.byId.get(bundleId)?.state !== 'AVAILABLE')
      throw new ModelRefusal(`InvalidResourceState.Bundle ${bundleId} is ${this.byId.get(bundleId)?.state}`);
  }

  // ----- images
  opCopyWorkspaceImage(input: Record<string, any>): void {
    if (this.ids.has(imageKey(input.Name))) throw new ModelRefusal('ResourceAlreadyExists image');
    const id = this.newId('wsi-m');
    const properties: ImageProperties = { name: input.Name, description: input.Description, source: { type: 'existing', imageId: id }, sharedWith: [] };
    // a copy is PENDING until a step waits for it AVAILABLE; sharing it or building a bundle on it needs AVAILABLE
    this.add({ kind: 'image', key: imageKey(input.Name), id, state: 'PENDING', properties, details: { sharingRead: true }, tags: tagsOf(input.Tags) });
    this.pending.set(id, () => {
      this.get(id, 'image').state = 'AVAILABLE';
    });
  }

  opUpdateWorkspaceImagePermission(input: Record<string, any>): void {
    const image = this.get(input.ImageId, 'image');
    if (image.state !== 'AVAILABLE') throw new ModelRefusal(`image is ${image.state}`);
    const accounts = new Set<string>(image.properties.sharedWith);
    if (input.AllowCopyImage) accounts.add(input.SharedAccountId);
    else if (!accounts.delete(input.SharedAccountId)) throw new ModelRefusal(`image not shared with ${input.SharedAccountId}`);
    image.properties = { ...image.properties, sharedWith: [...accounts].sort() };
  }

  opDeleteWorkspaceImage(input: Record<string, any>): void {
    const image = this.get(input.ImageId, 'image');
    if (image.properties.sharedWith.length > 0) throw new ModelRefusal('ResourceAssociatedException: image still shared');
    const bundle = [...this.byId.values()].find((resource) => resource.kind === 'bundle' && resource.properties.image.id === input.ImageId);
    if (bundle !== undefined) throw new ModelRefusal(`ResourceAssociatedException: bundle ${bundle.id} uses the image`);
    this.remove(input.ImageId);
  }

  // ----- bundles
  opCreateWorkspaceBundle(input: Record<string, any>): void {
    if (this.ids.has(bundleKey(input.BundleName))) throw new ModelRefusal('ResourceAlreadyExists bundle');
    if (this.byId.get(input.ImageId)?.state !== 'AVAILABLE') throw new ModelRefusal(`ResourceUnavailable image ${input.ImageId}`);
    const properties: BundleProperties = {
      name: input.BundleName,
      description: input.BundleDescription,
      image: { id: input.ImageId },
      computeType: input.ComputeType.Name,
      ...(input.RootStorage ? { rootVolumeGib: Number(input.RootStorage.Capacity) } : {}),
      userVolumeGib: Number(input.UserStorage.Capacity),
    };
    const id = this.newId('wsb-m');
    this.add({ kind: 'bundle', key: bundleKey(input.BundleName), id, state: 'PENDING', properties, tags: tagsOf(input.Tags) });
    this.pending.set(id, () => {
      this.get(id, 'bundle').state = 'AVAILABLE';
    });
  }

  opUpdateWorkspaceBundle(input: Record<string, any>): void {
    const bundle = this.get(input.BundleId, 'bundle');
    if (this.byId.get(input.ImageId)?.state !== 'AVAILABLE') throw new ModelRefusal(`ResourceUnavailable image ${input.ImageId}`);
    bundle.properties = { ...bundle.properties, image: { id: input.ImageId } };
  }

  opDeleteWorkspaceBundle(input: Record<string, any>): void {
    this.get(input.BundleId, 'bundle');
    const user = [...this.byId.values()].find((resource) => resource.kind === 'workspace' && resource.properties.bundle.id === input.BundleId);
    if (user !== undefined) throw new ModelRefusal(`ResourceAssociatedException: ${user.id} uses the bundle`);
    this.remove(input.BundleId);
  }

  // ----- connection aliases
  opCreateConnectionAlias(input: Record<string, any>): void {
    const key = connectionAliasKey(input.ConnectionString);
    if (this.ids.has(key)) throw new ModelRefusal('ResourceAlreadyExists connection alias');
    const properties: ConnectionAliasProperties = { connectionString: input.ConnectionString, associate: [], sharedWith: [] };
    const id = this.newId('wsca-m');
    this.add({ kind: 'connectionAlias', key, id, state: 'CREATING', properties, details: { sharingRead: true, associations: [] }, tags: tagsOf(input.Tags) });
    this.pending.set(id, () => {
      this.get(id, 'connectionAlias').state = 'CREATED';
    });
  }

  /** Share/unshare only in CREATED; one shared account per Region (ResourceLimitExceededException). */
  opUpdateConnectionAliasPermission(input: Record<string, any>): void {
    const alias = this.get(input.AliasId, 'connectionAlias');
    if (alias.state !== 'CREATED') throw new ModelRefusal(`InvalidResourceState: alias is ${alias.state}`);
    const { SharedAccountId, AllowAssociation } = input.ConnectionAliasPermission;
    const accounts = new Set<string>(alias.properties.sharedWith);
    if (AllowAssociation) accounts.add(SharedAccountId);
    else accounts.delete(SharedAccountId);
    if (accounts.size > 1) throw new ModelRefusal('ResourceLimitExceededException: an alias is shared with one account per Region');
    alias.properties = { ...alias.properties, sharedWith: [...accounts].sort() };
  }

  /** DELETING is still listed for about a minute: gone only when a step waits for it. */
  opDeleteConnectionAlias(input: Record<string, any>): void {
    const alias = this.get(input.AliasId, 'connectionAlias');
    if (alias.state !== 'CREATED') throw new ModelRefusal(`InvalidResourceState: alias is ${alias.state}`);
    if (alias.properties.sharedWith.length > 0) throw new ModelRefusal('InvalidResourceState: alias is still shared');
    alias.state = 'DELETING';
    this.pending.set(alias.id!, () => this.remove(input.AliasId));
    this.slow.add(alias.id!);
  }

  // ----- tags
  opCreateTags(input: Record<string, any>): void {
    const resource = this.byId.get(input.ResourceId);
    if (resource === undefined) throw new ModelRefusal(`no resource ${input.ResourceId}`);
    resource.tags = { ...(resource.tags ?? {}), ...tagsOf(input.Tags) };
  }

  opDeleteTags(input: Record<string, any>): void {
    const resource = this.byId.get(input.ResourceId);
    if (resource === undefined) throw new ModelRefusal(`no resource ${input.ResourceId}`);
    resource.tags = Object.fromEntries(Object.entries(resource.tags ?? {}).filter(([key]) => !input.TagKeys.includes(key)));
  }

  // ----- IP groups
  opCreateIpGroup(input: Record<string, any>): void {
    if (this.ids.has(ipGroupKey(input.GroupName))) throw new ModelRefusal('ResourceAlreadyExists');
    const properties: IpGroupProperties = {
      name: input.GroupName,
      ...(input.GroupDesc ? { description: input.GroupDesc } : {}),
      rules: rulesOf(input.UserRules),
    };
    this.add({ kind: 'ipGroup', key: ipGroupKey(input.GroupName), id: this.newId('wsipg-m'), properties, tags: tagsOf(input.Tags) });
  }

  opAuthorizeIpRules(input: Record<string, any>): void {
    const group = this.get(input.GroupId, 'ipGroup');
    const rules = [...group.properties.rules, ...rulesOf(input.UserRules)];
    if (rules.length > 10) throw new ModelRefusal('more than 10 rules');
    group.properties = { ...group.properties, rules };
  }

  opRevokeIpRules(input: Record<string, any>): void {
    const group = this.get(input.GroupId, 'ipGroup');
    group.properties = { ...group.properties, rules: group.properties.rules.filter((rule: IpRule) => !input.UserRules.includes(rule.cidr)) };
  }

  opUpdateRulesOfIpGroup(input: Record<string, any>): void {
    const group = this.get(input.GroupId, 'ipGroup');
    group.properties = { ...group.properties, rules: rulesOf(input.UserRules) };
  }

  opDeleteIpGroup(input: Record<string, any>): void {
    this.get(input.GroupId, 'ipGroup');
    const holder = [...this.byId.values()].find((resource) => resource.kind === 'directory' && groupIdsOf(resource).includes(input.GroupId));
    if (holder !== undefined) throw new ModelRefusal(`ResourceAssociatedException: ${input.GroupId} is associated with ${holder.id}`);
    this.remove(input.GroupId);
  }

  // ----- directories
  opRegisterWorkspaceDirectory(input: Record<string, any>): void {
    if (this.byId.has(input.DirectoryId)) throw new ModelRefusal('ResourceAlreadyExists');
    const properties: DirectoryProperties = {
      directoryId: input.DirectoryId,
      ipGroups: [],
      ...(input.SubnetIds ? { subnetIds: input.SubnetIds } : {}),
      ...(input.Tenancy ? { tenancy: input.Tenancy } : {}),
    };
    // REGISTERING until a step waits for it REGISTERED: desktops and property changes need REGISTERED
    this.add({ kind: 'directory', key: directoryKey(input.DirectoryId), id: input.DirectoryId, state: 'REGISTERING', properties, tags: tagsOf(input.Tags) });
    this.pending.set(input.DirectoryId, () => {
      this.get(input.DirectoryId, 'directory').state = 'REGISTERED';
    });
  }

  /** DEREGISTERING (still listed, still holding its IP groups) until a step waits for it gone. */
  opDeregisterWorkspaceDirectory(input: Record<string, any>): void {
    const directory = this.get(input.DirectoryId, 'directory');
    if (directory.state !== 'REGISTERED') throw new ModelRefusal(`InvalidResourceState: directory is ${directory.state}`);
    if ([...this.byId.values()].some((resource) => resource.kind === 'workspace' && resource.properties.directoryId === input.DirectoryId)) {
      throw new ModelRefusal('OperationNotSupportedException: directory still has WorkSpaces');
    }
    directory.state = 'DEREGISTERING';
    this.pending.set(input.DirectoryId, () => this.remove(input.DirectoryId));
  }

  private setDirectoryMember(id: string, member: string, value: unknown): void {
    const directory = this.get(id, 'directory');
    if (directory.state !== 'REGISTERED') throw new ModelRefusal(`directory is ${directory.state}`);
    directory.properties = { ...directory.properties, [member]: { ...(directory.properties[member] ?? {}), ...(value as object) } };
  }

  opModifySelfservicePermissions(input: Record<string, any>): void {
    this.setDirectoryMember(input.ResourceId, 'selfservicePermissions', input.SelfservicePermissions);
  }

  opModifyWorkspaceAccessProperties(input: Record<string, any>): void {
    this.setDirectoryMember(input.ResourceId, 'workspaceAccessProperties', input.WorkspaceAccessProperties);
  }

  opModifyWorkspaceCreationProperties(input: Record<string, any>): void {
    this.setDirectoryMember(input.ResourceId, 'workspaceCreationProperties', input.WorkspaceCreationProperties);
  }

  opAssociateIpGroups(input: Record<string, any>): void {
    const directory = this.get(input.DirectoryId, 'directory');
    for (const id of input.GroupIds) this.get(id, 'ipGroup');
    const ids = [...new Set([...groupIdsOf(directory), ...input.GroupIds])].sort();
    directory.properties = { ...directory.properties, ipGroups: ids.map((id) => ({ id })) };
  }

  opDisassociateIpGroups(input: Record<string, any>): void {
    const directory = this.get(input.DirectoryId, 'directory');
    const ids = groupIdsOf(directory).filter((id) => !input.GroupIds.includes(id));
    directory.properties = { ...directory.properties, ipGroups: ids.map((id) => ({ id })) };
  }
}

function tagsOf(list: readonly { Key: string; Value: string }[] | undefined): Tags {
  return Object.fromEntries((list ?? []).map((tag) => [tag.Key, tag.Value]));
}

function rulesOf(list: readonly { ipRule: string; ruleDesc?: string }[] | undefined): IpRule[] {
  return (list ?? []).map((rule) => (rule.ruleDesc === undefined ? { cidr: rule.ipRule } : { cidr: rule.ipRule, description: rule.ruleDesc }));
}

function groupIdsOf(directory: LiveResource): string[] {
  return ((directory.properties as DirectoryProperties).ipGroups ?? []).map((ref) => ('id' in ref ? ref.id : ref.key));
}

export interface ModelRun {
  readonly live: LiveState;
  /** Steps not run: blocked, or depending on one that was not run. */
  readonly skipped: readonly string[];
}

export interface ModelRunOptions {
  /**
   * Run the steps in a random order that respects only `dependsOn` (as a parallel executor
   * may), seeded for reproducibility. Without it, the plan's own order is used.
   */
  readonly shuffleSeed?: number;
}

/** A small seeded PRNG (mulberry32): the order is random but replays from the seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Any topological order of the steps by their dependsOn alone, chosen by `random`. */
function dependencyOrder(steps: readonly PlanStep[], random: () => number): PlanStep[] {
  const waiting = new Map(steps.map((step) => [step.id, step.dependsOn.length]));
  const dependents = new Map<string, PlanStep[]>();
  for (const step of steps) for (const dependency of step.dependsOn) dependents.set(dependency, [...(dependents.get(dependency) ?? []), step]);
  const ready = steps.filter((step) => step.dependsOn.length === 0);
  const order: PlanStep[] = [];
  while (ready.length > 0) {
    const [step] = ready.splice(Math.floor(random() * ready.length), 1);
    order.push(step);
    for (const next of dependents.get(step.id) ?? []) {
      const count = waiting.get(next.id)! - 1;
      waiting.set(next.id, count);
      if (count === 0) ready.push(next);
    }
  }
  if (order.length !== steps.length) throw new ModelRefusal('the steps have a dependency cycle');
  return order;
}

/**
 * Runs the plan's steps on a copy of `live` (blocked steps and their dependents are skipped, as
 * the executor does) and returns the resulting state. Throws ModelRefusal when a step breaks an
 * API rule or runs before what it needs.
 */
export function applyPlanToModel(live: LiveState, plan: Plan, options: ModelRunOptions = {}): ModelRun {
  const model = new LiveModel(live.resources);
  const skipped = new Set<string>();
  const steps = options.shuffleSeed === undefined ? plan.steps : dependencyOrder(plan.steps, seededRandom(options.shuffleSeed));
  for (const step of steps) {
    if (step.blocked !== undefined || step.dependsOn.some((dependency) => skipped.has(dependency))) {
      skipped.add(step.id);
      continue;
    }
    if (step.before !== undefined) model.settle(model.waitTarget(step));
    model.run(step);
    if (step.after !== undefined) model.settle(model.waitTarget(step));
  }
  model.settleAll();
  return { live: { ...live, resources: model.resources() }, skipped: [...skipped] };
}
