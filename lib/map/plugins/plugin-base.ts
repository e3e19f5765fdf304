import type { MapPlugin, MapPluginContext } from './types';

/**
 * A plugin that pages may call before it is attached: calls wait for the map (`attached`), and are dropped
 * once the plugin has been disposed.
 */
export abstract class PluginBase implements MapPlugin {
  protected context: MapPluginContext | null = null;
  private resolveAttached!: (context: MapPluginContext) => void;
  protected readonly attached = new Promise<MapPluginContext>((resolve) => {
    this.resolveAttached = resolve;
  });

  attach(context: MapPluginContext): () => void {
    this.context = context;
    this.setUp(context);
    this.resolveAttached(context);
    return () => {
      this.tearDown();
      this.context = null;
    };
  }

  protected abstract setUp(context: MapPluginContext): void;

  protected tearDown(): void {}

  /** Runs `action` with the context once attached (not at all after disposal). */
  protected async whenAttached(action: (context: MapPluginContext) => void): Promise<void> {
    await this.attached;
    if (this.context) action(this.context);
  }
}
