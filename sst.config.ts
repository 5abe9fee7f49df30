// SST v2 app: this file only composes stacks, one per concern (Storage, Events, Workflow, Api, Web,
// Monitoring); they are added as the infrastructure lands.
export default {
  config() {
    return { name: 'orders', region: 'us-east-1' };
  },
  stacks() {},
};
