/** Shared kernel: record references, principals, generic record values and the problems every module reports. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.rapport.core;
