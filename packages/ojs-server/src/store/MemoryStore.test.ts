import { MemoryStore } from './MemoryStore';
import { describeStoreContract } from './storeContract';

describeStoreContract('memory', () => new MemoryStore());
